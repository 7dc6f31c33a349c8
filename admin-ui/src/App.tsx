import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Link, match, navigate, useLocation } from './router';
import { atLeast, type Role, SessionProvider, useSession } from './session';
import { SiteProvider } from './site';
import { SignIn } from './screens/SignIn';

// Every screen but sign-in is its own chunk; TipTap only loads with the editor.
const ArticleList = lazy(() => import('./screens/ArticleList'));
const EditorScreen = lazy(() => import('./screens/editor/EditorScreen'));
const NewArticle = lazy(() => import('./screens/editor/NewArticle'));
const LiveDesk = lazy(() => import('./screens/live/LiveDesk'));
const MediaLibrary = lazy(() => import('./screens/MediaLibrary'));
const Collections = lazy(() => import('./screens/Collections'));
const Authors = lazy(() => import('./screens/Authors'));
const Tags = lazy(() => import('./screens/Tags'));
const Settings = lazy(() => import('./screens/Settings'));
const Staff = lazy(() => import('./screens/Staff'));
const Outbox = lazy(() => import('./screens/Outbox'));
const Newsletters = lazy(() => import('./screens/newsletters/Newsletters'));
const Subscribers = lazy(() => import('./screens/newsletters/Subscribers'));
const Issues = lazy(() => import('./screens/newsletters/Issues'));
const IssueScreen = lazy(() => import('./screens/newsletters/IssueCompose'));
const Narration = lazy(() => import('./screens/audio/Narration'));
const PushAlerts = lazy(() => import('./screens/push/PushAlerts'));
const Members = lazy(() => import('./screens/revenue/Members'));
const MemberDetail = lazy(() => import('./screens/revenue/MemberDetail'));
const RevenueDashboard = lazy(() => import('./screens/revenue/RevenueDashboard'));
const SupportOffers = lazy(() => import('./screens/revenue/SupportOffers'));
const Analytics = lazy(() => import('./screens/analytics/Analytics'));
const Comments = lazy(() => import('./screens/comments/Comments'));
const Account = lazy(() => import('./screens/Account'));
const ForgotPassword = lazy(() => import('./screens/ForgotPassword'));
const ResetPassword = lazy(() => import('./screens/ResetPassword'));
const AcceptInvitation = lazy(() => import('./screens/AcceptInvitation'));

interface Route {
  pattern: string;
  role: Role;
  render: (params: Record<string, string>) => ReactNode;
}

const routes: Route[] = [
  { pattern: '/', role: 'contributor', render: () => <ArticleList /> },
  { pattern: '/articles', role: 'contributor', render: () => <ArticleList /> },
  { pattern: '/articles/new', role: 'contributor', render: () => <NewArticle /> },
  {
    pattern: '/articles/:id/edit',
    role: 'contributor',
    render: ({ id }) => <EditorScreen key={id} id={Number(id)} />,
  },
  {
    pattern: '/articles/:id/live',
    role: 'contributor',
    render: ({ id }) => <LiveDesk key={id} id={Number(id)} />,
  },
  { pattern: '/media', role: 'contributor', render: () => <MediaLibrary /> },
  { pattern: '/collections', role: 'editor', render: () => <Collections /> },
  { pattern: '/authors', role: 'contributor', render: () => <Authors /> },
  { pattern: '/tags', role: 'contributor', render: () => <Tags /> },
  { pattern: '/settings', role: 'admin', render: () => <Settings /> },
  { pattern: '/staff', role: 'admin', render: () => <Staff /> },
  { pattern: '/outbox', role: 'admin', render: () => <Outbox /> },
  { pattern: '/newsletters', role: 'editor', render: () => <Newsletters /> },
  { pattern: '/newsletters/subscribers', role: 'editor', render: () => <Subscribers /> },
  { pattern: '/newsletters/issues', role: 'editor', render: () => <Issues /> },
  { pattern: '/newsletters/issues/new', role: 'editor', render: () => <IssueScreen key="new" /> },
  {
    pattern: '/newsletters/issues/:id',
    role: 'editor',
    render: ({ id }) => <IssueScreen key={id} id={Number(id)} />,
  },
  { pattern: '/narration', role: 'editor', render: () => <Narration /> },
  { pattern: '/alerts', role: 'editor', render: () => <PushAlerts /> },
  { pattern: '/members', role: 'editor', render: () => <Members /> },
  {
    pattern: '/members/:id',
    role: 'editor',
    render: ({ id }) => <MemberDetail key={id} id={Number(id)} />,
  },
  { pattern: '/revenue', role: 'editor', render: () => <RevenueDashboard /> },
  { pattern: '/support-offers', role: 'editor', render: () => <SupportOffers /> },
  { pattern: '/analytics', role: 'editor', render: () => <Analytics /> },
  { pattern: '/comments', role: 'editor', render: () => <Comments /> },
  { pattern: '/account', role: 'contributor', render: () => <Account /> },
];

const nav: Array<{ to: string; label: string; role: Role }> = [
  { to: '/articles', label: 'Articles', role: 'contributor' },
  { to: '/media', label: 'Media', role: 'contributor' },
  { to: '/collections', label: 'Collections', role: 'editor' },
  { to: '/newsletters', label: 'Newsletters', role: 'editor' },
  { to: '/alerts', label: 'Alerts', role: 'editor' },
  { to: '/authors', label: 'Authors & desks', role: 'contributor' },
  { to: '/tags', label: 'Tags', role: 'contributor' },
  { to: '/narration', label: 'Narration', role: 'editor' },
  { to: '/members', label: 'Members', role: 'editor' },
  { to: '/revenue', label: 'Revenue', role: 'editor' },
  { to: '/support-offers', label: 'Support & offers', role: 'editor' },
  { to: '/analytics', label: 'Analytics', role: 'editor' },
  { to: '/comments', label: 'Comments', role: 'editor' },
  { to: '/staff', label: 'Staff', role: 'admin' },
  { to: '/settings', label: 'Settings', role: 'admin' },
  { to: '/outbox', label: 'Outbox', role: 'admin' },
  { to: '/account', label: 'Account', role: 'contributor' },
];

const signedOutScreens: Record<string, () => ReactNode> = {
  '/forgot-password': () => <ForgotPassword />,
  '/reset-password': () => <ResetPassword />,
  '/accept-invitation': () => <AcceptInvitation />,
};

function Loading() {
  return (
    <p className="loading" role="status">
      Loading…
    </p>
  );
}

function Shell() {
  const { user, signOut } = useSession();
  const { path, search } = useLocation();

  // After sign-in, go back where the person was heading (e.g. "Edit post" on the public site).
  useEffect(() => {
    const next = search.get('next');
    if (user && next?.startsWith('/admin/') && !next.startsWith('//'))
      navigate(next.slice('/admin'.length), { replace: true });
  }, [user, search]);

  const signedOut = signedOutScreens[path];
  if (signedOut) return <Suspense fallback={<Loading />}>{signedOut()}</Suspense>;
  if (user === undefined) return <Loading />;
  if (user === null) return <SignIn next={path === '/' ? null : `/admin${path}`} />;

  let content: ReactNode = (
    <p>
      There is no page here. <Link to="/articles">Go to the articles</Link>.
    </p>
  );
  for (const route of routes) {
    const params = match(route.pattern, path);
    if (!params) continue;
    content = atLeast(user.role, route.role) ? (
      route.render(params)
    ) : (
      <p role="alert">This page needs the {route.role} role or higher.</p>
    );
    break;
  }
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="brand" to="/articles">
          Newsroom admin
        </Link>
        <nav aria-label="Admin sections">
          <ul>
            {nav
              .filter((item) => atLeast(user.role, item.role))
              .map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={path.startsWith(item.to) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {user.name} ({user.role})
          </span>
          <button type="button" onClick={() => void signOut().then(() => navigate('/'))}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{content}</Suspense>
      </main>
    </div>
  );
}

export function App() {
  return (
    <SessionProvider>
      <SiteProvider>
        <Shell />
      </SiteProvider>
    </SessionProvider>
  );
}
