// Every screen of the page: its hash, its navigation word (none for a detail screen) and the function that draws it.
// A new screen is one entry here and one module; the navigation follows this order.
import { reviewScreen } from './review.js';
import { ordersScreen, orderScreen } from './orders.js';
import { salesScreen } from './sales.js';
import { workflowsScreen } from './workflows.js';
import { keysScreen } from './keys.js';
import { deadLettersScreen } from './dead-letters.js';
import { settingsScreen } from './settings.js';
import { providersScreen } from './providers.js';
import { deliveriesScreen } from './deliveries.js';

const exact = (hash) => new RegExp(`^${hash.replace(/[/#]/g, '\\$&')}$`);

export const routes = [
  // The first is the default screen after sign-in and for an unknown hash.
  { hash: '#/review', nav: 'nav.review', pattern: exact('#/review'), screen: reviewScreen },
  { hash: '#/orders', nav: 'nav.orders', pattern: exact('#/orders'), screen: ordersScreen },
  { hash: '#/orders/', section: '#/orders', pattern: /^#\/orders\/([a-z0-9_]+)$/, screen: orderScreen },
  { hash: '#/sales', nav: 'nav.sales', pattern: exact('#/sales'), screen: salesScreen },
  { hash: '#/workflows', nav: 'nav.workflows', pattern: exact('#/workflows'), screen: workflowsScreen },
  { hash: '#/dead-letters', nav: 'nav.deadLetters', pattern: exact('#/dead-letters'), screen: deadLettersScreen },
  { hash: '#/keys', nav: 'nav.keys', pattern: exact('#/keys'), screen: keysScreen },
  { hash: '#/settings', nav: 'nav.settings', pattern: exact('#/settings'), screen: settingsScreen },
  { hash: '#/providers', nav: 'nav.providers', pattern: exact('#/providers'), screen: providersScreen },
  // One provider's deliveries (from the Providers screen) is the same screen, filtered.
  { hash: '#/deliveries', nav: 'nav.deliveries', pattern: /^#\/deliveries(?:\/([a-z]+))?$/, screen: deliveriesScreen },
];
