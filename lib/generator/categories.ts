/** A product category of the demo shop, with what its products are called and cost. */
export interface Category {
  /** URL slug: category pages live at `/c/<slug>`. */
  readonly slug: string;
  /** Display name, as `ti_category` and the product context hold it. */
  readonly name: string;
  /** Price range in whole EUR cents. */
  readonly minCents: number;
  readonly maxCents: number;
  /** Product type nouns: a product is named `<Model> <noun>`. */
  readonly nouns: readonly string[];
  /** What visitors type in the shop's search box for it. */
  readonly searchTerms: readonly string[];
}

/** The categories of the demo shop (a winter-sports store), in catalogue order. */
export const CATEGORIES: readonly Category[] = [
  { slug: 'jackets', name: 'Jackets', minCents: 8900, maxCents: 59900, nouns: ['Shell Jacket', 'Down Jacket', 'Insulated Parka', 'Softshell Jacket', 'Hybrid Jacket'], searchTerms: ['ski jacket', 'down jacket', 'waterproof jacket'] },
  { slug: 'trousers', name: 'Trousers', minCents: 6900, maxCents: 39900, nouns: ['Ski Pants', 'Bib Pants', 'Shell Trousers', 'Touring Pants'], searchTerms: ['ski pants', 'bib', 'snow trousers'] },
  { slug: 'skis', name: 'Skis', minCents: 29900, maxCents: 99900, nouns: ['All-Mountain Skis', 'Freeride Skis', 'Touring Skis', 'Piste Skis'], searchTerms: ['skis', 'touring skis', 'freeride'] },
  { slug: 'snowboards', name: 'Snowboards', minCents: 27900, maxCents: 79900, nouns: ['Snowboard', 'Splitboard', 'Freestyle Board'], searchTerms: ['snowboard', 'splitboard'] },
  { slug: 'boots', name: 'Boots', minCents: 12900, maxCents: 64900, nouns: ['Ski Boots', 'Snowboard Boots', 'Touring Boots', 'Winter Boots'], searchTerms: ['ski boots', 'boots size 42', 'winter boots'] },
  { slug: 'helmets', name: 'Helmets', minCents: 5900, maxCents: 24900, nouns: ['Helmet', 'MIPS Helmet'], searchTerms: ['helmet', 'mips helmet'] },
  { slug: 'goggles', name: 'Goggles', minCents: 3900, maxCents: 21900, nouns: ['Goggles', 'Photochromic Goggles'], searchTerms: ['goggles', 'ski goggles'] },
  { slug: 'gloves', name: 'Gloves', minCents: 2900, maxCents: 14900, nouns: ['Gloves', 'Mittens', 'Liner Gloves'], searchTerms: ['gloves', 'mittens'] },
  { slug: 'base-layers', name: 'Base Layers', minCents: 2900, maxCents: 12900, nouns: ['Merino Top', 'Merino Leggings', 'Thermal Crew'], searchTerms: ['merino', 'base layer', 'thermal'] },
  { slug: 'backpacks', name: 'Backpacks', minCents: 4900, maxCents: 29900, nouns: ['Ski Pack', 'Avalanche Airbag Pack', 'Day Pack'], searchTerms: ['backpack', 'avalanche pack'] },
  { slug: 'accessories', name: 'Accessories', minCents: 900, maxCents: 7900, nouns: ['Beanie', 'Neck Gaiter', 'Ski Socks', 'Wax Kit', 'Hand Warmers'], searchTerms: ['socks', 'beanie', 'wax'] },
];

/** The model names that make product names. */
export const MODEL_NAMES: readonly string[] = [
  'Alpine', 'Summit', 'Glacier', 'Powder', 'Ridge', 'Storm', 'Nordic', 'Couloir', 'Frost', 'Peak',
  'Cornice', 'Serac', 'Aurora', 'Tundra', 'Blizzard', 'Edelweiss', 'Moraine', 'Boreal', 'Firn', 'Zenith',
];

/** Colours, to tell apart two products that would otherwise share a name. */
export const COLOURS: readonly string[] = ['Black', 'Ice Blue', 'Red', 'Forest', 'White', 'Orange', 'Slate', 'Plum'];
