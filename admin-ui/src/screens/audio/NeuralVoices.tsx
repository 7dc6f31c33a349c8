// The Voices screen's neural voices: registered on the server, shown with their figures.

/** A neural voice registered with `masthead narrate voice add DIR`. */
export interface RegisteredVoice {
  name: string;
  kind: 'vits' | 'kokoro';
  language: string;
  sample_rate: number;
  word_error_rate: number | null;
  real_time_factor: number | null;
  not_measured: string;
  measured_at: string | null;
}

/** The registered neural voices with their figures (or why they have none). */
export function NeuralVoices({
  data,
  names,
}: {
  data: { registered: RegisteredVoice[]; max_real_time_factor: number };
  names: Record<string, string>;
}) {
  const voices = data.registered;
  const maxRtf = data.max_real_time_factor;
  return (
    <>
      <h3>Neural voices</h3>
      <p className="hint">
        Piper or Kokoro models your operator registered with <code>masthead narrate voice add</code>
        . A measured one competes with the voices above; an unmeasured one reads only where a rule
        names it (engine: Neural voices). If a neural voice fails, narration uses the best built-in
        voice.
      </p>
      {voices.length === 0 ? (
        <p>No neural voices registered on this server.</p>
      ) : (
        <div className="table-wrap">
          <table className="voice-table">
            <caption className="visually-hidden">Registered neural voices</caption>
            <thead>
              <tr>
                <th scope="col">Voice</th>
                <th scope="col">Model</th>
                <th scope="col">Language</th>
                <th scope="col">Word error rate</th>
                <th scope="col">Real-time factor</th>
              </tr>
            </thead>
            <tbody>
              {voices.map((voice) => (
                <tr key={voice.name}>
                  <td>{voice.name}</td>
                  <td>
                    {voice.kind === 'kokoro' ? 'Kokoro' : 'Piper/VITS'}, {voice.sample_rate} Hz
                  </td>
                  <td>{names[voice.language] ?? voice.language}</td>
                  <td>
                    {voice.word_error_rate === null
                      ? `not measured${voice.not_measured ? ` (${voice.not_measured})` : ''}`
                      : voice.word_error_rate.toFixed(2)}
                  </td>
                  <td>
                    {voice.real_time_factor === null
                      ? 'not measured'
                      : `${voice.real_time_factor.toFixed(3)}${voice.real_time_factor > maxRtf ? ' (too slow to be automatic)' : ''}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
