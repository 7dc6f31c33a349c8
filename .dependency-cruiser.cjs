// The import rules of src/ (docs/ARCHITECTURE.md "Layers", ADR 0015), checked by `npm run lint`.
// A module may import its own layer and the layers below it, never one above; siblings in one
// layer do not import each other; there are no cycles. Type-only imports count too.
// Tests (`*.test.ts`, test-support/, test-fixtures/) may import anything; code may not import them.

/** Lowest first. A layer is a list of paths under src/ (folders end with `/`). */
const layers = [
  { name: 'platform', paths: ['platform/', 'config.ts'] },
  { name: 'content', paths: ['content/'] },
  { name: 'media', paths: ['media/'] },
  { name: 'site', paths: ['site/'] },
  { name: 'features', paths: ['search/', 'audio/', 'newsletters/', 'push/'], siblingsApart: true },
  { name: 'admin', paths: ['admin/'] },
  { name: 'revenue', paths: ['revenue/'] },
  { name: 'comments', paths: ['comments/'] },
  { name: 'analytics', paths: ['analytics/'] },
  { name: 'arrivals', paths: ['importers/', 'seed/'], siblingsApart: true },
  { name: 'jobs', paths: ['jobs.ts', 'worker-jobs.ts'] },
  { name: 'app', paths: ['app.ts'] },
  { name: 'cli', paths: ['cli/'] },
  { name: 'main', paths: ['main.ts'] },
];

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (paths) =>
  `^src/(${paths.map((p) => (p.endsWith('/') ? escapeRegExp(p) : `${escapeRegExp(p)}$`)).join('|')})`;
const tests = '(\\.test\\.ts$|/test-support/|/test-fixtures/)';

const layerRules = layers.flatMap((layer, index) => {
  const above = layers.slice(index + 1).flatMap((l) => l.paths);
  const rules = [];
  if (above.length > 0)
    rules.push({
      name: `no-upward-from-${layer.name}`,
      comment: `${layer.name} must not import a higher layer (${layers
        .slice(index + 1)
        .map((l) => l.name)
        .join(', ')}): announce a domain event, take the dependency as a parameter, or move the shared code down (docs/ARCHITECTURE.md, "Layers").`,
      severity: 'error',
      from: { path: pattern(layer.paths), pathNot: tests },
      to: { path: pattern(above) },
    });
  if (layer.siblingsApart)
    for (const own of layer.paths) {
      const siblings = layer.paths.filter((p) => p !== own);
      rules.push({
        name: `no-sibling-from-${own.replace(/\/$/, '')}`,
        comment: `${own} and ${siblings.join(', ')} share a layer and must not import each other: move what they share down a layer.`,
        severity: 'error',
        from: { path: pattern([own]), pathNot: tests },
        to: { path: pattern(siblings) },
      });
    }
  return rules;
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'Import cycles make the load order and the layers meaningless: move the shared type or table to the lower module.',
      severity: 'error',
      from: { path: '^src/', pathNot: tests },
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-src',
      comment: 'Application code must not import tests, test-support/ or test fixtures.',
      severity: 'error',
      from: { path: '^src/', pathNot: tests },
      to: { path: tests },
    },
    {
      name: 'layers-cover-src',
      comment: 'Every top-level folder or file of src/ belongs to a layer: add a new one to `layers` in .dependency-cruiser.cjs.',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: `${pattern(layers.flatMap((l) => l.paths))}|${tests}`,
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
