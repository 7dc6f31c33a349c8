// Every table of the app database, as Kysely sees it. Empty here: each domain adds its own
// tables beside their definitions (`declare module` in its `*.table.ts`), so platform/ names
// no domain. Every table file is part of the compilation (tsconfig includes src/), so the
// whole interface is always visible to the type checker.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
