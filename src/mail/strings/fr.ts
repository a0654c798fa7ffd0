import type { EmailStrings } from './types.js';

/**
 * Letters before which French elides `de`: the vowels, accented or not, and h, taken as mute
 * (`d’Habitations Roy`) since a name does not say when its h is aspirated.
 */
const ELIDES_DE = /^[aeiouyhæœ]/i;

/** A name that starts with the article `Le` or `Les`, which `de` contracts with. */
const ARTICLE = /^(les?) (?=\S)/i;

/**
 * `de ` (or `De `) and `name` as French writes them together: `de Bâtisseurs Dupré`, elided
 * before a vowel (`d’Acme`, `d’Écobâtir`), contracted with a leading article (`des
 * Constructions Dupré`, `du Groupe Roy`; `de La Maison` stays).
 */
export function frenchDe(de: string, name: string): string {
  const article = ARTICLE.exec(name);
  if (article) return `${de[0]}${article[1]!.length === 3 ? 'es' : 'u'} ${name.slice(article[0].length)}`;
  return `${ELIDES_DE.test(name.normalize('NFD')) ? `${de[0]}’` : de}${name}`;
}

/** French: every email's words. */
export const EMAIL_STRINGS_FR: EmailStrings = {
  locale: 'fr',
  layout: {
    greeting: 'Bonjour {name},',
    greetingNoName: 'Bonjour,',
    expires: 'Le lien ne peut servir qu’une fois et expire le {date}.',
    copyLink: 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur\u00a0:',
    signature: '— {builder}',
  },
  invite: {
    inviterAt: '{inviter} de {builder}',
    subject: '{who} vous invite sur son portail client{forProjects}',
    subjectResend: 'Votre nouvelle invitation au portail client de {builder}{forProjects}',
    forProjects: ' pour {projects}',
    twoProjects: '{first} et {second}',
    moreProjects: { one: '{first} et {count} autre', other: '{first} et {count} autres' },
    introNoProject: '{who} vous invite sur son portail client, où vous pourrez suivre votre projet.',
    introOneProject: '{who} vous invite sur son portail client, où vous pourrez suivre {project}.',
    introManyProjects: '{who} vous invite sur son portail client, où vous pourrez suivre ces projets\u00a0:',
    replaces: 'Cette invitation remplace la précédente\u00a0: le lien du message précédent ne fonctionne plus.',
    action: 'Acceptez l’invitation et choisissez votre mot de passe\u00a0:',
    button: 'Accepter l’invitation',
    ignore: 'Si vous n’attendiez pas ce message, vous pouvez l’ignorer.',
  },
  account: {
    'password-reset': {
      subject: 'Réinitialisez votre mot de passe du portail client de {builder}',
      intro: 'Quelqu’un a demandé la réinitialisation du mot de passe de votre compte sur le portail client de {builder}.',
      action: 'Choisissez un nouveau mot de passe\u00a0:',
      button: 'Réinitialiser le mot de passe',
      ignore: 'Si vous n’avez rien demandé, ignorez ce message\u00a0: votre mot de passe reste inchangé.',
    },
    'sign-in': {
      subject: 'Votre lien de connexion au portail client de {builder}',
      intro: 'Voici le lien de connexion que vous avez demandé.',
      action: 'Connectez-vous au portail client de {builder}\u00a0:',
      button: 'Se connecter',
      ignore: 'Si vous n’avez rien demandé, vous pouvez ignorer ce message.',
    },
    'confirm-email': {
      subject: 'Confirmez votre nouvelle adresse e-mail pour le portail client de {builder}',
      intro: '{builder} a remplacé l’adresse e-mail de votre compte du portail client par celle-ci.',
      action: 'Confirmez cette adresse pour continuer à utiliser le portail\u00a0:',
      button: 'Confirmer l’adresse e-mail',
      ignore: 'Si vous n’attendiez pas ce message, vous pouvez l’ignorer.',
    },
  },
  digest: {
    subject: 'Du nouveau sur votre portail client de {builder} ({count})',
    greeting: 'Bonjour,',
    greetingNamed: 'Bonjour {name},',
    intro: '{builder} a partagé du nouveau avec vous sur le portail client\u00a0:',
    open: 'Ouvrir le projet dans le portail',
    approval: 'En attente de votre décision\u00a0:',
    modules: {
      updates: 'Actualités',
      documents: 'Documents',
      drawings: 'Plans',
      reports: 'Rapports',
      photos: 'Photos',
      dailyLogs: 'Journaux de chantier',
      schedule: 'Planning',
      selections: 'Sélections',
      changeOrders: 'Avenants',
      invoices: 'Factures',
    },
    unsubscribe: 'Se désabonner de ces e-mails',
    colon: '\u00a0:',
    why: 'Vous recevez ce résumé parce que vous êtes client de {builder}. Vous pouvez en changer la fréquence dans le portail.',
  },
};
