import { createDecipheriv, createHmac, createPublicKey, type ECDH, verify } from 'node:crypto';

// What the local push service (push-service.ts) checks in each message, with node:crypto alone:
// the sender's VAPID JWT (RFC 8292) and the aes128gcm payload (RFC 8291 + RFC 8188), decrypted
// with a fake browser's keys as the browser would. It shares nothing with the `web-push`
// library the sender uses, so it can catch the sender's mistakes.

function base64url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

function hmac(key: Buffer, data: Buffer): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/**
 * RFC 8291 §3.4 + RFC 8188 §2: the aes128gcm content coding, decrypted with the browser's keys.
 * Header: salt (16) | rs (uint32) | idlen (1) | keyid (the sender's ephemeral public key, 65).
 */
export function decryptAes128gcm(body: Buffer, ecdh: ECDH, authSecret: Buffer): Buffer {
  if (body.length < 21) throw new Error('shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] ?? 0;
  if (rs < 18) throw new Error(`record size ${rs} is below 18`);
  if (idlen !== 65) throw new Error(`keyid is ${idlen} bytes, not a 65-byte P-256 public key`);
  const senderPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const uaPublic = ecdh.getPublicKey();
  const ecdhSecret = ecdh.computeSecret(senderPublic);
  // PRK_key = HMAC(auth_secret, ecdh_secret); IKM = HKDF-Expand(PRK_key, key_info, 32)
  const prkKey = hmac(authSecret, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, senderPublic]);
  const ikm = hmac(prkKey, Buffer.concat([keyInfo, Buffer.from([1])]));
  // PRK = HKDF-Extract(salt, IKM); CEK and NONCE by HKDF-Expand with their info strings.
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'latin1')).subarray(0, 16);
  const nonceBase = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'latin1')).subarray(
    0,
    12,
  );
  const parts: Buffer[] = [];
  let sequence = 0;
  for (let offset = 0; offset < ciphertext.length; offset += rs, sequence += 1) {
    const record = ciphertext.subarray(offset, offset + rs);
    const last = offset + rs >= ciphertext.length;
    if (record.length < 17) throw new Error('a record is too short to hold its tag');
    const nonce = Buffer.from(nonceBase);
    // NONCE XOR SEQ, SEQ as a 96-bit big-endian number (here below 2^32: the last 4 bytes).
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ sequence) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([
      decipher.update(record.subarray(0, record.length - 16)),
      decipher.final(),
    ]);
    // Padding: the content, one delimiter (2 in the last record, 1 before), then zeros.
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end -= 1;
    const delimiter = plain[end];
    if (delimiter !== (last ? 2 : 1)) throw new Error(`bad padding delimiter ${String(delimiter)}`);
    parts.push(plain.subarray(0, end));
  }
  if (sequence === 0) throw new Error('no records');
  return Buffer.concat(parts);
}

/** The claims a checked VAPID JWT carries. */
export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
}

/** RFC 8292 §2–3: checks the JWT and its key; returns the claims and the key, or a reason. */
export function checkVapid(
  authorization: string | undefined,
  audience: string,
  nowSeconds: number,
): { ok: true; claims: VapidClaims; key: string } | { ok: false; reason: string } {
  const scheme = /^vapid\s+(.+)$/i.exec(authorization ?? '');
  if (!scheme?.[1]) return { ok: false, reason: 'no vapid Authorization' };
  const params = new Map<string, string>();
  for (const part of scheme[1].split(',')) {
    const [name, ...value] = part.trim().split('=');
    if (name) params.set(name.toLowerCase(), value.join('='));
  }
  const token = params.get('t');
  const key = params.get('k');
  if (!token || !key) return { ok: false, reason: 'vapid needs t= and k=' };
  const publicKey = Buffer.from(key, 'base64url');
  if (publicKey.length !== 65 || publicKey[0] !== 4)
    return { ok: false, reason: 'k is not an uncompressed P-256 point' };
  const [headerPart, payloadPart, signaturePart, extra] = token.split('.');
  if (!headerPart || !payloadPart || !signaturePart || extra !== undefined)
    return { ok: false, reason: 'the JWT does not have three parts' };
  let header: { typ?: unknown; alg?: unknown };
  let claims: Partial<VapidClaims>;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as typeof header;
    claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, reason: 'the JWT is not JSON' };
  }
  if (header.alg !== 'ES256')
    return { ok: false, reason: `alg ${String(header.alg)} is not ES256` };
  if (header.typ !== undefined && header.typ !== 'JWT')
    return { ok: false, reason: 'typ is not JWT' };
  const verifier = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: base64url(publicKey.subarray(1, 33)),
      y: base64url(publicKey.subarray(33, 65)),
    },
    format: 'jwk',
  });
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== 64) return { ok: false, reason: 'the ES256 signature is not 64 bytes' };
  const signed = verify(
    'sha256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    { key: verifier, dsaEncoding: 'ieee-p1363' },
    signature,
  );
  if (!signed) return { ok: false, reason: 'the JWT signature does not verify with k' };
  if (claims.aud !== audience)
    return { ok: false, reason: `aud ${String(claims.aud)} is not ${audience}` };
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds)
    return { ok: false, reason: 'the JWT has expired' };
  if (claims.exp > nowSeconds + 24 * 3600)
    return { ok: false, reason: 'exp is more than 24 hours ahead' };
  if (
    typeof claims.sub !== 'string' ||
    !/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(claims.sub)
  )
    return { ok: false, reason: 'sub is not a mailto: or https: contact' };
  return { ok: true, claims: claims as VapidClaims, key };
}
