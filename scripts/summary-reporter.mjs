// A node:test reporter that prints only the closing tally, `N passed, N failed, N skipped`.
// Used beside the spec reporter so CI output ends with the line the project contract asks for.
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.type === 'test:fail') failed += 1;
    else if (event.data.skip || event.data.todo) skipped += 1;
    else passed += 1;
  }
  yield `${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
