import { Link, useLocation } from '../../router';
import './revenue.css';

const tabs = [
  { to: '/members', label: 'Members' },
  { to: '/revenue', label: 'Revenue' },
];

/** The reader-revenue section's own navigation (members, dashboard). */
export function RevenueTabs() {
  const { path } = useLocation();
  return (
    <nav aria-label="Reader revenue sections" className="row wrap revenue-tabs">
      {tabs.map((tab) => (
        <Link
          key={tab.to}
          to={tab.to}
          aria-current={path === tab.to || path.startsWith(`${tab.to}/`) ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
