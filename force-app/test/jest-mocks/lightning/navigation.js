// Jest stub for lightning/navigation (as in lwc-recipes). Tests read what a component asked
// for with getNavigateCalledWith() / getGenerateUrlCalledWith(), and emit page references
// through CurrentPageReference with @salesforce/wire-service-jest-util.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter();

let navigatePageReference;
let navigateReplace;
let generateUrlPageReference;
let generatedUrl = 'https://example.invalid/generated';

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const NavigationMixin = (Base) =>
  class extends Base {
    [Navigate](pageReference, replace) {
      navigatePageReference = pageReference;
      navigateReplace = replace;
    }

    [GenerateUrl](pageReference) {
      generateUrlPageReference = pageReference;
      return Promise.resolve(generatedUrl);
    }
  };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export const getNavigateCalledWith = () => ({ pageReference: navigatePageReference, replace: navigateReplace });
export const getGenerateUrlCalledWith = () => ({ pageReference: generateUrlPageReference });
export const setGeneratedUrl = (url) => {
  generatedUrl = url;
};
