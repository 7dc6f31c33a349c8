import { Link, useLocation } from '../../router';

const tabs = [
  { to: '/newsletters', label: 'Newsletters' },
  { to: '/newsletters/issues', label: 'Issues' },
  { to: '/newsletters/subscribers', label: 'Subscribers' },
];

/** The newsletter section's own navigation (list, issues, subscribers). */
export function NewsletterTabs() {
  const { path } = useLocation();
  const current = (to: string) =>
    to === '/newsletters' ? path === to : path === to || path.startsWith(`${to}/`);
  return (
    <nav aria-label="Newsletter sections" className="row wrap">
      {tabs.map((tab) => (
        <Link key={tab.to} to={tab.to} aria-current={current(tab.to) ? 'page' : undefined}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
