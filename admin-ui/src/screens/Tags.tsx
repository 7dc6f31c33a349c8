import { TaxonomyScreen } from './TaxonomyScreen';

export default function Tags() {
  return (
    <TaxonomyScreen
      title="Tags"
      path="/api/admin/tags"
      collectionKey="tags"
      singular="tag"
      fields={[
        { name: 'name', label: 'Name' },
        { name: 'slug', label: 'Slug', hint: 'Leave empty to make one from the name.' },
        { name: 'description', label: 'Description', kind: 'textarea' },
        {
          name: 'access_level',
          label: 'Who can read its stories',
          kind: 'select',
          // '' is sent as null: the tag sets no default. Tier defaults: the API's access_tiers.
          options: [
            ['', 'No default (everyone, unless another tag or the story says otherwise)'],
            ['public', 'Everyone'],
            ['members', 'Registered readers (free account)'],
            ['paid', 'Paying members'],
            ['tiers', 'Members of chosen tiers (tiers set through the API)'],
          ],
          hint: 'Stories that follow their tags take the first of their tags that sets one; a story can choose otherwise in the editor.',
        },
      ]}
    />
  );
}
