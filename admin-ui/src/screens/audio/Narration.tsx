import { ScreenTitle } from '../../ui';
import { Briefing } from './Briefing';
import { Lexicon } from './Lexicon';
import { ListeningStats } from './ListeningStats';
import { Voices } from './Voices';

/** The newsroom's narration settings: which voice reads, how words are said, who listens. */
export default function Narration() {
  return (
    <div className="narration-screen">
      <div className="screen-head">
        <ScreenTitle title="Narration">Narration</ScreenTitle>
      </div>
      <Voices />
      <Lexicon />
      <ListeningStats />
      <Briefing />
    </div>
  );
}
