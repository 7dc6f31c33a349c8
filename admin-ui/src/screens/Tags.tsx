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
      ]}
    />
  );
}
