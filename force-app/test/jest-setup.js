// Registers the @sa11y/jest matchers: `await expect(element).toBeAccessible()`.
import { setup } from '@sa11y/jest';

setup();
