// Specs that import the contracts barrel as a value evaluate its payload classes, whose
// class-transformer decorators read design-time metadata at once. A setup file runs before
// each spec's bundle, so the metadata API exists whatever order the bundler puts modules in.
import 'reflect-metadata';
