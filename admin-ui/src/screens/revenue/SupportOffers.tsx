import { api } from '../../api';
import { atLeast, useUser } from '../../session';
import { Alert, ScreenTitle, useLoad } from '../../ui';
import { type Offers, SupportOffersForm } from './SupportOffersForm';
import { type PromptsAnswer, SupportPromptsForm } from './SupportPromptsForm';
import './support-offers.css';

/** "Support & offers": what readers can pay for, and how and where the site asks. */
export default function SupportOffers() {
  const user = useUser();
  const offers = useLoad(() => api<{ offers: Offers }>('GET', '/api/admin/revenue/offers'), []);
  const prompts = useLoad(() => api<PromptsAnswer>('GET', '/api/admin/revenue/prompts'), []);
  return (
    <>
      <ScreenTitle title="Support & offers">Support &amp; offers</ScreenTitle>
      <p>
        <a href="/support/" target="_blank" rel="noopener">
          Open the support page
        </a>
      </p>
      <Alert error={offers.error ?? prompts.error} />
      {offers.data ? (
        <SupportOffersForm initial={offers.data.offers} canEdit={atLeast(user.role, 'admin')} />
      ) : null}
      {prompts.data ? <SupportPromptsForm initial={prompts.data} /> : null}
    </>
  );
}
