/**
 * Word lists for synthetic people: frequent French first names (by the era they were given, after the
 * INSEE first-names file) and surnames (most frequent in France), street names, countries of birth with
 * their INSEE country codes, and places abroad where French retirees live. No real person is described:
 * names, streets and numbers are combined at random.
 */

function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}

/** First names given mostly before 1960, from 1960 to 1989, and since 1990. */
export const femaleNames = [
  words(`Marie Jeanne Françoise Monique Catherine Nicole Jacqueline Anne Sylvie Martine Christiane Denise
    Suzanne Simone Madeleine Yvette Colette Josette Paulette Germaine Odette Huguette Michèle Danielle
    Marie-Thérèse Marie-Claude Geneviève Bernadette Annie Chantal Renée Lucienne Andrée Ginette Yvonne`),
  words(`Isabelle Nathalie Sandrine Valérie Christine Véronique Sophie Stéphanie Céline Laurence Karine
    Patricia Virginie Aurélie Émilie Julie Caroline Sabrina Élodie Audrey Corinne Florence Delphine
    Séverine Hélène Claire Agnès Pascale Brigitte Laetitia Mélanie Vanessa Amandine Magali Nadia`),
  words(`Emma Léa Chloé Manon Camille Inès Sarah Jade Louise Lina Zoé Clara Juliette Léna Anaïs Océane
    Pauline Marine Mathilde Lucie Justine Laura Margaux Eva Alice Romane Lola Maëlys Charlotte Mélissa
    Elsa Ambre Rose Nina Yasmine`),
];

export const maleNames = [
  words(`Jean Pierre Michel André Philippe René Louis Alain Jacques Bernard Marcel Daniel Roger Robert
    Paul Claude Henri Georges Christian Gérard Maurice Raymond Lucien Guy Yves Jean-Pierre Jean-Claude
    Jean-Marie Jean-Louis Roland Marc Serge Gilbert Francis Albert`),
  words(`Thierry Laurent Stéphane Christophe Frédéric David Éric Pascal Olivier Nicolas Sébastien Patrick
    Franck Didier Vincent Julien Jérôme Cédric Arnaud Fabrice Bruno Ludovic Guillaume Mickaël Grégory
    Sylvain Emmanuel Xavier Hervé Dominique Benoît Jean-François Karim Samir Mohamed`),
  words(`Lucas Hugo Thomas Léo Gabriel Louis Nathan Enzo Mathis Théo Raphaël Arthur Tom Noah Maxime Alexandre
    Antoine Quentin Clément Romain Kevin Baptiste Paul Jules Adam Mohamed Yanis Ethan Mathéo Nolan Axel
    Valentin Adrien Rayan Victor`),
];

export function nameEra(birthYear: number): number {
  return birthYear < 1960 ? 0 : birthYear < 1990 ? 1 : 2;
}

export const surnames = words(`Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon
  Michel Lefebvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau
  Vincent Muller Lefèvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier
  Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont
  Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier
  Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine
  Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq Guillaume
  Lecomte Lopez Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur
  Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré Charles Renault Charpentier
  Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez Le Gall Collet Léger Bouvier Julien Prévost
  Millet Perrot Daniel Le Roux Cousin Germain Breton Besson Langlois Rémy Le Goff Pelletier Lévêque Perrier
  Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet
  Étienne Grondin Poulain Tessier Chevallier Collin Chauvin Da Silva Bouchet Gay Lemaître Bénard Maréchal
  Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier
  Carlier Laporte Nguyen Benali Haddad Mansouri Ferreira Rodrigues Dos Santos Pereira Lefort Ollivier`);

export const streetKinds = words(`rue rue rue rue avenue avenue boulevard allée impasse chemin place route`);

export const streetNames = words(`de-la-République Victor-Hugo Jean-Jaurès du-Général-de-Gaulle Pasteur
  de-la-Gare Gambetta des-Écoles du-Moulin de-la-Mairie Voltaire Jules-Ferry de-l'Église des-Lilas des-Tilleuls
  du-Stade de-la-Paix Carnot Émile-Zola de-Verdun de-la-Liberté Jean-Moulin du-8-Mai-1945 des-Acacias
  du-Château Anatole-France Marcel-Pagnol des-Peupliers du-Port de-la-Fontaine Aristide-Briand Louis-Pasteur
  des-Vignes du-Lavoir Foch de-Bretagne des-Roses du-Marché de-la-Poste Albert-Camus Georges-Clemenceau`).map(
  (name) => name.replaceAll("-", " ").replace("de l' ", "de l'"),
);

/** Countries of birth abroad with their INSEE country code (the 3 digits after 99 in a NIR). */
export const birthCountries: readonly {
  readonly name: string;
  readonly code: number;
  readonly weight: number;
}[] = [
  { name: "Algérie", code: 352, weight: 20 },
  { name: "Maroc", code: 350, weight: 16 },
  { name: "Portugal", code: 139, weight: 14 },
  { name: "Tunisie", code: 351, weight: 7 },
  { name: "Italie", code: 127, weight: 6 },
  { name: "Espagne", code: 134, weight: 6 },
  { name: "Turquie", code: 208, weight: 4 },
  { name: "Sénégal", code: 341, weight: 3 },
  { name: "Mali", code: 335, weight: 2 },
  { name: "Côte d'Ivoire", code: 326, weight: 2 },
  { name: "Belgique", code: 131, weight: 2 },
  { name: "Allemagne", code: 109, weight: 2 },
  { name: "Royaume-Uni", code: 132, weight: 2 },
  { name: "Roumanie", code: 114, weight: 2 },
  { name: "Pologne", code: 122, weight: 2 },
  { name: "Viêt Nam", code: 243, weight: 2 },
  { name: "Cambodge", code: 234, weight: 1 },
  { name: "Chine", code: 216, weight: 2 },
  { name: "Haïti", code: 436, weight: 1 },
  { name: "Cameroun", code: 322, weight: 2 },
];

/** Where insured people living abroad reside: country, a town and a plausible postcode. */
export const residencesAbroad: readonly {
  readonly country: string;
  readonly town: string;
  readonly postcode: string;
  readonly weight: number;
}[] = [
  { country: "Portugal", town: "Lisboa", postcode: "1100-148", weight: 18 },
  { country: "Espagne", town: "Alicante", postcode: "03001", weight: 14 },
  { country: "Algérie", town: "Oran", postcode: "31000", weight: 14 },
  { country: "Maroc", town: "Casablanca", postcode: "20000", weight: 12 },
  { country: "Belgique", town: "Bruxelles", postcode: "1000", weight: 8 },
  { country: "Italie", town: "Torino", postcode: "10121", weight: 7 },
  { country: "Tunisie", town: "Tunis", postcode: "1000", weight: 6 },
  { country: "Suisse", town: "Genève", postcode: "1201", weight: 5 },
  { country: "Allemagne", town: "Saarbrücken", postcode: "66111", weight: 5 },
  { country: "Royaume-Uni", town: "London", postcode: "SW1A 1AA", weight: 3 },
  { country: "Canada", town: "Montréal", postcode: "H2X 1Y4", weight: 4 },
  { country: "Sénégal", town: "Dakar", postcode: "10200", weight: 4 },
];

/** Fictitious mail providers under the reserved .test domain: nothing generated can ever be delivered. */
export const mailDomains = words(`orange.test gmail.test laposte.test free.test sfr.test hotmail.test
  wanadoo.test yahoo.test`);

export const trades = words(`Boulangerie Transports Garage Menuiserie Pharmacie Restaurant Plomberie
  Imprimerie Librairie Électricité Maçonnerie Coiffure Fromagerie Quincaillerie Clinique Nettoyage Conseil
  Logistique Informatique Assurances Bâtiment Maraîchage Textile Mécanique`);

export const companyForms = words(`SARL SAS SA EURL SASU SNC`);

/** Lower-case ASCII for e-mail addresses: accents dropped, spaces and apostrophes removed. */
export function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "");
}
