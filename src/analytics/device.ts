// A coarse device class for the dashboard. The user agent decides when it says anything;
// the viewport width is only a fallback for agents we cannot read, because a desktop
// browser in a narrow window is still a desktop reader.

export type DeviceClass = 'mobile' | 'tablet' | 'desktop';

// "Tablet PC" appears in old Windows desktop UAs; Android phones say "Mobile", tablets do not.
const TABLET = /ipad|tablet(?! pc)|kindle|silk\/|playbook|android(?!.*mobi)/;
const MOBILE = /mobi|iphone|ipod|android|windows phone|blackberry|opera mini/;
const DESKTOP = /windows nt|macintosh|mac os x|x11|linux x86_64|\bcros\b/;

/** Classifies a reader's device from the user agent, falling back to the viewport width. */
export function deviceClass(userAgent: string, viewportWidth: number | undefined): DeviceClass {
  const ua = typeof userAgent === 'string' ? userAgent.toLowerCase() : '';
  if (TABLET.test(ua)) return 'tablet';
  if (MOBILE.test(ua)) return 'mobile';
  if (DESKTOP.test(ua)) return 'desktop';
  if (typeof viewportWidth === 'number' && Number.isFinite(viewportWidth) && viewportWidth > 0) {
    if (viewportWidth < 600) return 'mobile';
    if (viewportWidth < 1024) return 'tablet';
  }
  return 'desktop';
}
