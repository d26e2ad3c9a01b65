/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    workbook?: import('./server/workbook-locals.ts').WorkbookLocals;
  }
}
