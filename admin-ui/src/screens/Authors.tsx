import { TaxonomyScreen } from './TaxonomyScreen';

export default function Authors() {
  return (
    <TaxonomyScreen
      title="Authors and desks"
      path="/api/admin/authors"
      collectionKey="authors"
      singular="author or desk"
      fields={[
        {
          name: 'kind',
          label: 'Kind',
          kind: 'select',
          options: [
            ['person', 'Person'],
            ['desk', 'Desk'],
          ],
        },
        { name: 'name', label: 'Name' },
        { name: 'slug', label: 'Slug', hint: 'Leave empty to make one from the name.' },
        { name: 'bio', label: 'Bio', kind: 'textarea' },
        {
          name: 'image_url',
          label: 'Photo address',
          kind: 'url',
          hint: 'An https:// address, or empty.',
        },
      ]}
    />
  );
}
