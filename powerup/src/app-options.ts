// initialize()/iframe() options: the public API key (served into the page by our server from TRELLO_KEY — it is
// not a secret; the member's token never comes from us), our name, and the tr/en resource files.
export function appKeyFromPage(doc: Document = document): string | undefined {
  const v = doc.querySelector<HTMLMetaElement>('meta[name="nabiz-app-key"]')?.content;
  return v ? v : undefined;
}

export function appOptions(doc: Document = document): Trello.PowerUp.PluginOptions {
  const appKey = appKeyFromPage(doc);
  return {
    ...(appKey ? { appKey } : {}),
    appName: 'Nabız',
    appAuthor: 'Gelişmiş Destek',
    localization: { defaultLocale: 'tr', supportedLocales: ['tr', 'en'], resourceUrl: './dist/strings/{locale}.json' },
  };
}
