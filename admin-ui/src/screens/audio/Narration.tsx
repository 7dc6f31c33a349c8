import { ScreenTitle } from '../../ui';
import { Lexicon } from './Lexicon';
import { ListeningStats } from './ListeningStats';

/** The newsroom's narration settings: how words are said, and who listens. */
export default function Narration() {
  return (
    <div className="narration-screen">
      <div className="screen-head">
        <ScreenTitle title="Narration">Narration</ScreenTitle>
      </div>
      <Lexicon />
      <ListeningStats />
    </div>
  );
}
