import type { NormalizationCase } from './case-table.js';

/** Whole sentences as they appear in news copy, mixing every category. */
export const newsSentenceCases: NormalizationCase[] = [
  [
    'Russia launched its full-scale invasion of Ukraine on Feb. 24, 2022.',
    'russia launched its full-scale invasion of ukraine on february twenty-fourth, twenty twenty-two.',
  ],
  [
    'The U.S. approved a $61 billion aid package in April 2024.',
    'the u s approved a sixty-one billion dollar aid package in april twenty twenty-four.',
  ],
  [
    'Gen. Oleksandr Syrskyi said 1,200 POWs returned home on Oct. 6.',
    "general oleksandr syrskyi said one thousand two hundred p o w's returned home on october sixth.",
  ],
  [
    'Inflation slowed to 5.1% in Sept., the NBU said.',
    'inflation slowed to five point one percent in september, the n b u said.',
  ],
  [
    'NATO leaders met in Vilnius on July 11-12, 2023.',
    'nato leaders met in vilnius on july eleventh to twelfth, twenty twenty-three.',
  ],
  [
    'Temperatures fell to -15°C overnight, and 300,000 homes lost power.',
    'temperatures fell to minus fifteen degrees celsius overnight, and three hundred thousand homes lost power.',
  ],
  [
    'The air raid alert lasted from 3:15 a.m. to 6:40 a.m. Kyiv time.',
    'the air raid alert lasted from three fifteen a m to six forty a m kyiv time.',
  ],
  [
    'Read more at kyivindependent.com or follow @KyivIndependent.',
    'read more at kyivindependent dot com or follow at kyiv independent.',
  ],
  [
    'The 47th Mechanized Brigade received F-16s and Leopard 2A4 tanks.',
    'the forty-seventh mechanized brigade received f sixteens and leopard two a four tanks.',
  ],
  [
    "Ukraine's GDP grew 3.4% in 2023, after falling 28.8% in 2022.",
    "ukraine's g d p grew three point four percent in twenty twenty-three, after falling twenty-eight point eight percent in twenty twenty-two.",
  ],
  [
    'The hryvnia traded at 41.5 UAH per $1 on Monday.',
    'the hryvnia traded at forty-one point five hryvnias per one dollar on monday.',
  ],
  [
    'A 155mm shell costs about €8,000.',
    'a one hundred fifty-five millimeter shell costs about eight thousand euros.',
  ],
  [
    'During World War II, about 8 million Ukrainians died.',
    'during world war two, about eight million ukrainians died.',
  ],
  [
    'Dr. Olena Petrenko, 45, lives on Khreshchatyk St. in Kyiv.',
    'doctor olena petrenko, forty-five, lives on khreshchatyk street in kyiv.',
  ],
  [
    'The drone flew 1,000 km at up to 150 km/h.',
    'the drone flew one thousand kilometers at up to one hundred fifty kilometers per hour.',
  ],
  [
    'Zelensky met Pope Leo XIV at the Vatican on May 9.',
    'zelensky met pope leo the fourteenth at the vatican on may ninth.',
  ],
  [
    'Between 2014 and 2021, some 14,000 people were killed in the Donbas.',
    'between twenty fourteen and twenty twenty-one, some fourteen thousand people were killed in the donbas.',
  ],
  [
    'The IAEA said the ZNPP lost power for the 8th time.',
    'the i a e a said the z n p p lost power for the eighth time.',
  ],
  [
    'In the 1990s, Ukraine gave up 1,900 nuclear warheads.',
    'in the nineteen nineties, ukraine gave up one thousand nine hundred nuclear warheads.',
  ],
  [
    'Call the hotline at +380 800 500 335 or e-mail help@example.org.',
    'call the hotline at plus three eight zero, eight zero zero, five zero zero, three three five or e-mail help at example dot org.',
  ],
  [
    'Sen. Lindsey Graham (R-SC) voted yes; Rep. Marcy Kaptur voted no.',
    'senator lindsey graham, r s c, voted yes; representative marcy kaptur voted no.',
  ],
  [
    'The #1 priority is air defense & energy.',
    'the number one priority is air defense and energy.',
  ],
  [
    'Prices rose 10-15% in the first 1/2 of the year.',
    'prices rose ten to fifteen percent in the first one half of the year.',
  ],
  [
    "The EU's €50bn facility runs through 2027.",
    "the e u's fifty billion euros facility runs through twenty twenty-seven.",
  ],
  [
    'At 10 a.m. on Dec. 25, 2024, Russia fired 78 missiles and 106 drones.',
    'at ten a m on december twenty-fifth, twenty twenty-four, russia fired seventy-eight missiles and one hundred six drones.',
  ],
];
