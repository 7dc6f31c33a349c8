import { useState } from 'react';
import { atLeast, useUser } from '../../session';
import type { Article } from '../../types';
import { CoverageControl } from '../live/CoverageControl';

/** The editor's "Live coverage" box: start or end it, and the way to the live desk. */
export function LiveCoveragePanel({ article }: { article: Article }) {
  const user = useUser();
  const [state, setState] = useState(article.live ?? null);
  const canChange =
    atLeast(user.role, 'editor') || (user.role === 'author' && article.created_by === user.id);
  return (
    <section className="live-coverage-panel" aria-labelledby="live-coverage-title">
      <h2 id="live-coverage-title">Live coverage</h2>
      <CoverageControl
        articleId={article.id}
        state={state}
        canChange={canChange}
        deskLink
        onChanged={(coverage) => setState(coverage?.state ?? null)}
      />
    </section>
  );
}
