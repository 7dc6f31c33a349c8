import type { DemoArticle } from './demo-article.js';

// Short news briefs from the desk: the fast, factual updates a newsroom files every day.
export const demoBriefs: Array<Omit<DemoArticle, 'authors' | 'html'> & { paragraphs: string[] }> = [
  {
    slug: 'ukraine-brings-home-215-prisoners-of-war-in-latest-exchange',
    title: 'Ukraine brings home 215 prisoners of war in latest exchange',
    excerpt:
      'The exchange, the largest since the spring, included defenders of the Azovstal steel plant.',
    tags: ['Ukraine news', 'War'],
    hoursAgo: 2,
    paragraphs: [
      'Ukraine brought home 215 prisoners of war on Oct. 6 in an exchange mediated by a third country, the Coordination Headquarters for the Treatment of Prisoners of War said.',
      'Among those released were 108 defenders of the Azovstal steel plant in Mariupol and 12 civilians. The youngest is 19 years old.',
      'The headquarters said more than 2,500 Ukrainians remain in captivity. Families can report missing relatives through its hotline.',
    ],
  },
  {
    slug: 'families-of-missing-soldiers-gather-in-kyiv',
    title: 'Families of missing soldiers gather in Kyiv',
    excerpt:
      'Several hundred relatives called for faster exchanges and more information about those still held.',
    tags: ['Ukraine news', 'War'],
    hoursAgo: 5,
    paragraphs: [
      'Several hundred relatives of soldiers listed as missing gathered on Independence Square on Sunday, holding photographs and asking officials for regular updates.',
      'Organisers said they represent families of more than 1,200 service members. A representative of the ombudsman’s office met the group and promised a public briefing next week.',
      'The last exchange, on Oct. 6, returned 215 people home. <a href="/ukraine-brings-home-215-prisoners-of-war-in-latest-exchange/">Read our report on the exchange.</a>',
    ],
  },
  {
    slug: 'parliament-passes-first-reading-of-2023-budget',
    title: 'Parliament passes first reading of 2023 budget',
    excerpt:
      'More than half of spending goes to defence and security; lawmakers have two weeks to propose amendments.',
    tags: ['Politics', 'Economy'],
    hoursAgo: 8,
    paragraphs: [
      'The parliament approved the draft 2023 budget in the first reading on Tuesday with 283 votes in favour.',
      'Defence and security account for just over half of planned spending. The deficit is expected to be covered largely by international support.',
      'Lawmakers have until Oct. 28 to submit amendments before the second reading.',
    ],
  },
  {
    slug: 'kyiv-metro-extends-hours-during-power-cuts',
    title: 'Kyiv metro extends hours during power cuts',
    excerpt:
      'Trains will run until midnight on days with scheduled outages, the city administration said.',
    tags: ['Ukraine news', 'Energy'],
    hoursAgo: 11,
    paragraphs: [
      'The Kyiv metro will run until midnight on days when scheduled power cuts affect surface transport, the city administration said on Monday.',
      'Trolleybuses and trams will be replaced by buses on several routes during outages. Stations remain open as shelters during air raid alerts.',
    ],
  },
  {
    slug: 'national-bank-holds-key-rate-at-25-percent',
    title: 'National Bank holds key rate at 25 percent',
    excerpt: 'The central bank said inflation may peak at about 30 percent early next year.',
    tags: ['Economy'],
    hoursAgo: 14,
    paragraphs: [
      'The National Bank of Ukraine kept its key policy rate at 25 percent on Thursday, saying the current level is enough to protect savings in hryvnia and keep the exchange rate stable.',
      'The bank expects inflation to peak at about 30 percent in the first months of next year before slowing.',
    ],
  },
  {
    slug: 'lviv-opens-new-heating-points-before-first-frost',
    title: 'Lviv opens new heating points before first frost',
    excerpt:
      'The city has prepared 60 places where residents can warm up, charge phones and get hot drinks.',
    tags: ['Ukraine news', 'Energy'],
    hoursAgo: 18,
    paragraphs: [
      'Lviv has opened 60 heating points in schools, libraries and administrative buildings, the mayor’s office said on Wednesday.',
      'Each point has a generator, drinking water, hot drinks and places to charge phones. They will open whenever an outage lasts longer than six hours.',
    ],
  },
  {
    slug: 'volunteers-deliver-generators-to-villages-near-izium',
    title: 'Volunteers deliver generators to villages near Izium',
    excerpt:
      'A convoy of 14 vans brought 40 generators and 3 tonnes of food to villages recaptured in September.',
    tags: ['War', 'Ukraine news'],
    hoursAgo: 22,
    paragraphs: [
      'A volunteer convoy of 14 vans delivered 40 generators and about 3 tonnes of food to villages around Izium on Saturday, the organisers said.',
      'Most of the villages were retaken in September and have been without mains power since. Deminers are still clearing roads in the area.',
    ],
  },
  {
    slug: 'schools-in-odesa-return-to-mixed-learning',
    title: 'Schools in Odesa return to mixed learning',
    excerpt: 'Schools with shelters may teach in person; the rest continue online.',
    tags: ['Ukraine news'],
    hoursAgo: 27,
    paragraphs: [
      'Schools in Odesa that have shelters large enough for all pupils may return to in-person lessons from Monday, the regional education department said.',
      'About 40 percent of schools meet the requirement. The rest will keep teaching online.',
    ],
  },
  {
    slug: 'new-law-simplifies-rebuilding-damaged-homes',
    title: 'New law simplifies rebuilding damaged homes',
    excerpt:
      'Owners can apply for compensation online and start repairs before the assessment is complete.',
    tags: ['Politics'],
    hoursAgo: 36,
    paragraphs: [
      'A law that lets owners of damaged homes apply for compensation online came into force on Friday.',
      'Owners can begin urgent repairs, such as roofs and windows, before an assessment commission visits, as long as they photograph the damage first.',
    ],
  },
  {
    slug: 'grain-corridor-ships-carry-record-october-cargo',
    title: 'Grain corridor ships carry record October cargo',
    excerpt:
      'More than 4 million tonnes left Ukrainian ports in the first three weeks of the month.',
    tags: ['Economy'],
    hoursAgo: 44,
    paragraphs: [
      'Ships leaving Ukrainian ports through the grain corridor carried more than 4 million tonnes of food in the first three weeks of October, the infrastructure ministry said.',
      'Corn and wheat made up most of the cargo. About a third went to countries in Africa and Asia.',
    ],
  },
  {
    slug: 'air-raid-alerts-last-11-hours-in-eastern-regions',
    title: 'Air raid alerts last 11 hours in eastern regions',
    excerpt: 'Residents of Kharkiv and Dnipro spent most of the night in shelters.',
    tags: ['War', 'Ukraine news'],
    hoursAgo: 58,
    paragraphs: [
      'Air raid alerts in the Kharkiv and Dnipropetrovsk regions lasted about 11 hours overnight, from 9 p.m. to 8 a.m., local authorities said.',
      'Regional officials reported damage to infrastructure in two districts. There were no immediate reports of casualties.',
    ],
  },
  {
    slug: 'book-fair-in-lviv-draws-record-crowds',
    title: 'Book fair in Lviv draws record crowds',
    excerpt:
      'Organisers counted 38,000 visitors over four days, many of them displaced from the east.',
    tags: ['Culture'],
    hoursAgo: 70,
    paragraphs: [
      'The autumn book fair in Lviv drew about 38,000 visitors over four days, the largest number in its history, the organisers said.',
      'Publishers said poetry and history sold best. Several readings moved to a nearby shelter during air raid alerts.',
    ],
  },
  {
    slug: 'rail-operator-adds-night-trains-to-the-west',
    title: 'Rail operator adds night trains to the west',
    excerpt: 'Three new overnight routes connect Kharkiv and Zaporizhzhia with Lviv and Uzhhorod.',
    tags: ['Ukraine news'],
    hoursAgo: 90,
    paragraphs: [
      'Ukraine’s national rail operator will add three overnight trains from Kharkiv and Zaporizhzhia to Lviv and Uzhhorod from Nov. 1.',
      'Tickets go on sale two weeks before departure. The operator said it will keep prices at last year’s level.',
    ],
  },
  {
    slug: 'chernihiv-reopens-bridge-destroyed-in-spring',
    title: 'Chernihiv reopens bridge destroyed in spring',
    excerpt: 'The temporary crossing restores the shortest route to Kyiv for thousands of drivers.',
    tags: ['Ukraine news'],
    hoursAgo: 115,
    paragraphs: [
      'A temporary bridge over the Desna near Chernihiv opened to traffic on Thursday, replacing the crossing destroyed in March.',
      'The bridge can carry vehicles up to 40 tonnes. A permanent structure is planned for next year.',
    ],
  },
  {
    slug: 'small-businesses-report-rising-costs-in-survey',
    title: 'Small businesses report rising costs in survey',
    excerpt: 'Two thirds say energy is now their largest expense after wages.',
    tags: ['Economy'],
    hoursAgo: 140,
    paragraphs: [
      'Two thirds of small businesses surveyed by an association of entrepreneurs said energy has become their largest expense after wages.',
      'About 18 percent said they had bought a generator this year. Most plan to keep all their staff through the winter.',
    ],
  },
  {
    slug: 'orchestra-plays-for-hospital-patients-in-dnipro',
    title: 'Orchestra plays for hospital patients in Dnipro',
    excerpt:
      'Musicians from the city philharmonic held a concert in the courtyard of a military hospital.',
    tags: ['Culture', 'War'],
    hoursAgo: 170,
    paragraphs: [
      'Musicians from the Dnipro philharmonic played for patients and staff in the courtyard of a military hospital on Sunday.',
      'The programme included folk songs and film music. The orchestra plans to repeat the concerts every month.',
    ],
  },
  {
    slug: 'government-extends-price-cap-on-heating',
    title: 'Government extends price cap on heating',
    excerpt:
      'Household tariffs for heating and hot water will stay frozen until the end of the heating season.',
    tags: ['Politics', 'Energy'],
    hoursAgo: 200,
    paragraphs: [
      'The government extended the cap on household tariffs for heating and hot water until the end of the heating season, the prime minister said on Wednesday.',
      'The state will compensate heating companies for the difference. The measure will cost about 20 billion hryvnias, according to the finance ministry.',
    ],
  },
  {
    slug: 'deminers-clear-farmland-in-kherson-region',
    title: 'Deminers clear farmland in Kherson region',
    excerpt: 'Teams have cleared 1,300 hectares so far, a small fraction of what remains.',
    tags: ['War', 'Economy'],
    hoursAgo: 230,
    paragraphs: [
      'Demining teams have cleared about 1,300 hectares of farmland in the Kherson region since September, the State Emergency Service said.',
      'Farmers say they cannot sow winter wheat on fields that have not been checked. The service asked residents to report suspicious objects rather than move them.',
    ],
  },
  {
    slug: 'kyiv-libraries-become-coworking-spaces',
    title: 'Kyiv libraries become coworking spaces',
    excerpt:
      'Twenty libraries now offer desks, generators and internet to people who cannot work from home.',
    tags: ['Culture', 'Ukraine news'],
    hoursAgo: 260,
    paragraphs: [
      'Twenty public libraries in Kyiv now offer free desks, power and internet to people who cannot work from home during outages.',
      'The libraries have generators and satellite internet terminals. Visitors are asked to book a desk in advance on busy days.',
    ],
  },
  {
    slug: 'ukrainian-athletes-win-six-medals-at-european-championship',
    title: 'Ukrainian athletes win six medals at European championship',
    excerpt:
      'The team trained abroad for most of the year after their home facilities were damaged.',
    tags: ['Ukraine news'],
    hoursAgo: 300,
    paragraphs: [
      'Ukrainian athletes won six medals, including two golds, at the European championship that ended on Sunday.',
      'Most of the team trained abroad this year. The federation said it will use prize money to repair a training centre in Kharkiv.',
    ],
  },
  {
    slug: 'power-engineers-restore-supply-to-90-percent-of-kharkiv',
    title: 'Power engineers restore supply to 90 percent of Kharkiv',
    excerpt:
      'The remaining districts should be reconnected within a day, the regional operator said.',
    tags: ['Energy', 'Ukraine news'],
    hoursAgo: 33,
    paragraphs: [
      'Engineers restored electricity to about 90 percent of consumers in Kharkiv by Tuesday evening, the regional grid operator said.',
      'The remaining districts should be reconnected within 24 hours. Water and heating have resumed in most of the city. <a href="/who-keeps-the-lights-on-a-night-with-kharkivs-grid-engineers/">Read our night with the grid crews.</a>',
    ],
  },
  {
    slug: 'city-council-publishes-shelter-audit-results',
    title: 'City council publishes shelter audit results',
    excerpt: 'One in five shelters checked did not meet basic requirements, the audit found.',
    tags: ['Politics', 'Investigations'],
    hoursAgo: 62,
    paragraphs: [
      'One in five public shelters checked by city inspectors did not meet basic requirements such as ventilation, lighting or a second exit, according to an audit published on Monday.',
      'The council said repairs will be prioritised at schools and hospitals. <a href="/the-missing-millions-how-a-school-repair-fund-emptied/">Our investigation into the school repair fund</a> found work paid for but never done.',
    ],
  },
  {
    slug: 'farmers-market-returns-to-central-square',
    title: 'Farmers’ market returns to central square',
    excerpt: 'Producers from nearby villages are back every Saturday until December.',
    tags: ['Economy'],
    hoursAgo: 330,
    paragraphs: [
      'The Saturday farmers’ market has returned to the central square, with about 80 producers from nearby villages selling vegetables, honey and cheese.',
      'The market will run every Saturday until mid-December. During air raid alerts, traders and shoppers move to the shelter in the underpass.',
    ],
  },
  {
    slug: 'students-return-to-rebuilt-university-dormitory',
    title: 'Students return to rebuilt university dormitory',
    excerpt: 'The building, damaged in March, reopened with new windows, heating and a shelter.',
    tags: ['Ukraine news'],
    hoursAgo: 360,
    paragraphs: [
      'About 400 students moved back into a university dormitory in Kyiv on Monday after repairs to damage from a strike in March.',
      'The building has new windows and heating, and its basement has been converted into a shelter with 450 places.',
    ],
  },
];
