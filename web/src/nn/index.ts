/**
 * The nynorsk catalogue (web/src/i18n.ts): each bokmål text of the app and its nynorsk, one file
 * per part of the app. Checked against Norsk Ordbank's nynorsk word list by
 * test/unit/web-catalogue.test.ts.
 */
import { ADMIN } from './admin';
import { APP } from './app';
import { CASE_FORMS } from './case-forms';
import { CASE_PAGE } from './case-page';
import { LISTS } from './lists';

export const NN: Record<string, string> = { ...APP, ...CASE_PAGE, ...CASE_FORMS, ...LISTS, ...ADMIN };
