import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  checkbox,
  checkboxGroup,
  dateFields,
  errorSummary,
  formField,
  inputField,
  passwordField,
  postForm,
  radioGroup,
  segmented,
  selectField,
  textareaField,
  uploadField,
} from "./index.ts";

const HOSTILE = `<script>alert("x")</script> & 'co'`;
const ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;";

describe("DSFR form controls", () => {
  test("an input ties its label, hint and messages group, and keeps the value typed", () => {
    const markup = inputField({
      name: "nir",
      label: "Numéro de sécurité sociale",
      hint: "13 chiffres",
      value: "1 84 12",
      inputmode: "numeric",
      autocomplete: "off",
      maxlength: 15,
      pattern: "[0-9 ]*",
    }).value;
    assert.match(markup, /^<div class="fr-input-group">/);
    assert.match(
      markup,
      /<label class="fr-label" for="nir">Numéro de sécurité sociale<span class="fr-hint-text">13 chiffres<\/span><\/label>/,
    );
    assert.match(
      markup,
      /<input class="fr-input" type="text" id="nir" name="nir" value="1 84 12" autocomplete="off" inputmode="numeric" maxlength="15" pattern="\[0-9 \]\*" aria-describedby="nir-messages">/,
    );
    assert.match(markup, /<div class="fr-messages-group" id="nir-messages" aria-live="polite"><\/div>/);
    assert.doesNotMatch(markup, /error|aria-invalid/);
  });

  test("an input in error shows DSFR 1.14's error message in its messages group", () => {
    const markup = inputField({
      name: "courriel",
      type: "email",
      label: "Courriel",
      value: "a@",
      error: "Adresse incomplète",
    }).value;
    assert.match(markup, /<div class="fr-input-group fr-input-group--error">/);
    assert.match(
      markup,
      /class="fr-input fr-input--error" type="email" id="courriel" name="courriel" value="a@" aria-describedby="courriel-messages" aria-invalid="true">/,
    );
    assert.match(
      markup,
      /<div class="fr-messages-group" id="courriel-messages" aria-live="polite"><p class="fr-message fr-message--error" id="courriel-error">Adresse incomplète<\/p><\/div>/,
    );
    assert.doesNotMatch(markup, /fr-error-text/);
  });

  test("an id distinct from the name wires label, control and messages on the id", () => {
    const markup = inputField({
      name: "date",
      id: "date-debut",
      type: "date",
      label: "Début",
      error: "Date invalide",
    }).value;
    assert.match(markup, /for="date-debut"/);
    assert.match(markup, /id="date-debut" name="date" value="" aria-describedby="date-debut-messages"/);
    assert.match(markup, /id="date-debut-error"/);
  });

  test("text, label, hint and error are escaped", () => {
    const markup = inputField({
      name: "n",
      label: HOSTILE,
      hint: HOSTILE,
      value: HOSTILE,
      error: HOSTILE,
    }).value;
    assert.doesNotMatch(markup, /<script>/);
    assert.equal(markup.split(ESCAPED).length - 1, 4);
  });

  test("a password's value is never sent back; its field has DSFR's show checkbox", () => {
    const markup = inputField({
      name: "mdp",
      type: "password",
      label: "Mot de passe",
      value: "secret",
    }).value;
    assert.doesNotMatch(markup, /secret|value=/);
    const password = passwordField({
      name: "motDePasse",
      label: "Mot de passe",
      autocomplete: "current-password",
      required: true,
      error: "Trop court",
    }).value;
    assert.match(password, /<div class="fr-password fr-password--error" id="motDePasse-groupe">/);
    assert.match(
      password,
      /class="fr-password__input fr-input fr-input--error" type="password"[^>]*autocomplete="current-password" id="motDePasse" name="motDePasse" aria-required="true" required aria-describedby="motDePasse-messages" aria-invalid="true">/,
    );
    assert.match(
      password,
      /<input aria-label="Afficher le mot de passe" id="motDePasse-afficher" type="checkbox">/,
    );
    assert.match(password, /id="motDePasse-error">Trop court</);
  });

  test("a textarea keeps its text, escaped, and its limits", () => {
    const markup = textareaField({
      name: "message",
      label: "Votre message",
      value: HOSTILE,
      rows: 6,
      maxlength: 2000,
      error: "Trop long",
    }).value;
    assert.match(markup, /<div class="fr-input-group fr-input-group--error">/);
    assert.match(
      markup,
      /<textarea class="fr-input fr-input--error" id="message" name="message" rows="6" maxlength="2000" aria-describedby="message-messages" aria-invalid="true">/,
    );
    assert.ok(markup.includes(`>${ESCAPED}</textarea>`));
  });

  test("a select marks the chosen option and offers the empty choice", () => {
    const markup = selectField({
      name: "caisse",
      label: "Caisse",
      empty: "Toutes",
      value: "b",
      options: [
        { value: "a", label: "Aquitaine" },
        { value: "b", label: "Bretagne" },
      ],
      error: "Choisissez une caisse",
    }).value;
    assert.match(markup, /<div class="fr-select-group fr-select-group--error">/);
    assert.match(
      markup,
      /<select class="fr-select fr-select--error" id="caisse" name="caisse" aria-describedby="caisse-messages" aria-invalid="true">/,
    );
    assert.match(markup, /<option value="">Toutes<\/option>/);
    assert.match(markup, /<option value="b" selected>Bretagne<\/option>/);
    assert.match(markup, /<option value="a">Aquitaine<\/option>/);
  });

  test("a radio group is a fieldset labelled by its legend and messages, its radios tied to their labels", () => {
    const markup = radioGroup({
      name: "situation",
      legend: "Votre situation",
      hint: "Une seule réponse",
      value: "veuf",
      inline: true,
      options: [
        { value: "marie", label: "Marié" },
        { value: "veuf", label: "Veuf", hint: "Depuis moins d'un an" },
      ],
      error: "Choisissez une situation",
    }).value;
    assert.match(
      markup,
      /<fieldset class="fr-fieldset fr-fieldset--error" id="situation" role="group" aria-labelledby="situation-legend situation-messages">/,
    );
    assert.match(
      markup,
      /<legend class="fr-fieldset__legend--regular fr-fieldset__legend" id="situation-legend">Votre situation<span class="fr-hint-text">Une seule réponse<\/span><\/legend>/,
    );
    assert.match(
      markup,
      /<div class="fr-fieldset__element fr-fieldset__element--inline"><div class="fr-radio-group">/,
    );
    assert.match(
      markup,
      /<input type="radio" id="situation-1" name="situation" value="marie">\s*<label class="fr-label" for="situation-1">Marié<\/label>/,
    );
    assert.match(
      markup,
      /<input type="radio" id="situation-2" name="situation" value="veuf" checked>\s*<label class="fr-label" for="situation-2">Veuf<span class="fr-hint-text">Depuis moins d&#39;un an<\/span>/,
    );
    assert.match(
      markup,
      /<div class="fr-messages-group" id="situation-messages" aria-live="polite"><p class="fr-message fr-message--error" id="situation-error">Choisissez une situation<\/p><\/div>\s*<\/fieldset>/,
    );
  });

  test("a segmented control checks the chosen value", () => {
    const markup = segmented({
      name: "vue",
      legend: "Affichage",
      value: "t",
      options: [
        { value: "g", label: "Graphique" },
        { value: "t", label: "Tableau" },
      ],
    }).value;
    assert.match(
      markup,
      /<fieldset class="fr-segmented" id="vue">\s*<legend class="fr-segmented__legend">Affichage<\/legend>/,
    );
    assert.match(markup, /id="vue-2" name="vue" value="t" checked>/);
  });

  test("a single checkbox and a checkbox group keep what was checked", () => {
    const single = checkbox({
      name: "certifie",
      label: "Je certifie",
      checked: true,
      value: "oui",
      error: "Cochez la case",
    }).value;
    assert.match(single, /<div class="fr-checkbox-group fr-checkbox-group--error">/);
    assert.match(
      single,
      /<input type="checkbox" id="certifie" name="certifie" value="oui" checked aria-describedby="certifie-messages" aria-invalid="true">/,
    );
    assert.match(single, /<label class="fr-label" for="certifie">Je certifie<\/label>/);
    const group = checkboxGroup({
      name: "pieces",
      legend: "Justificatifs",
      values: ["rib"],
      options: [
        { value: "id", label: "Pièce d'identité" },
        { value: "rib", label: "RIB" },
      ],
    }).value;
    assert.match(
      group,
      /<fieldset class="fr-fieldset" id="pieces" aria-labelledby="pieces-legend pieces-messages">/,
    );
    assert.match(group, /id="pieces-1" name="pieces" value="id" aria-describedby="pieces-1-messages">/);
    assert.match(
      group,
      /id="pieces-2" name="pieces" value="rib" checked aria-describedby="pieces-2-messages">/,
    );
  });

  test("the date fields are DSFR's three inputs in one fieldset, with birth-date autocompletion", () => {
    const markup = dateFields({
      id: "naissance",
      legend: "Date de naissance",
      names: { day: "jour", month: "mois", year: "annee" },
      value: { day: "14", month: "12", year: "19&4" },
      autocomplete: "bday",
      error: "Date incomplète",
    }).value;
    assert.match(
      markup,
      /<fieldset class="fr-fieldset fr-fieldset--error" id="naissance" role="group" aria-labelledby="naissance-legend naissance-messages">/,
    );
    assert.match(
      markup,
      /<div class="fr-fieldset__element fr-fieldset__element--inline fr-fieldset__element--number">/,
    );
    assert.match(markup, /fr-fieldset__element--inline-grow fr-fieldset__element--year/);
    assert.match(
      markup,
      /<label class="fr-label" for="naissance-jour">Jour<span class="fr-hint-text">Exemple : 14<\/span><\/label>/,
    );
    assert.match(
      markup,
      /id="naissance-mois" name="mois" value="12" maxlength="2" autocomplete="bday-month" aria-invalid="true" aria-describedby="naissance-messages">/,
    );
    assert.match(markup, /name="annee" value="19&amp;4" maxlength="4" autocomplete="bday-year"/);
    assert.match(markup, /id="naissance-error">Date incomplète</);
  });

  test("an upload group announces its hint, accepted types, and its error", () => {
    const markup = uploadField({
      name: "preuve",
      label: "Justificatif",
      hint: "PDF, 10 Mo au plus",
      accept: "application/pdf",
      multiple: true,
      error: "Fichier vide",
    }).value;
    assert.match(markup, /<div class="fr-upload-group fr-upload-group--error">/);
    assert.match(
      markup,
      /<input class="fr-upload" type="file" id="preuve" name="preuve" accept="application\/pdf" multiple aria-describedby="preuve-messages" aria-invalid="true">/,
    );
    assert.match(markup, /id="preuve-error">Fichier vide</);
  });

  test("a posted form carries the CSRF token; the error summary links each problem to its field", () => {
    const form = postForm("/envoyer", 'jeton"', "corps", "").value;
    assert.match(
      form,
      /^<form method="post" action="\/envoyer" novalidate>\n<input type="hidden" name="_csrf" value="jeton&quot;">\ncorps\n<\/form>$/,
    );
    assert.equal(errorSummary({ a: undefined, b: "" }), "");
    const one = String(errorSummary({ nir: "Le NIR a 13 chiffres", b: undefined }));
    assert.match(
      one,
      /<div class="fr-alert fr-alert--error fr-mb-3w" role="alert">\s*<h2 class="fr-alert__title">Une information est à corriger<\/h2>/,
    );
    assert.match(one, /<li><a href="#nir">Le NIR a 13 chiffres<\/a><\/li>/);
    assert.match(
      String(errorSummary({ a: "x", b: "y" }, 3)),
      /<h3 class="fr-alert__title">2 informations sont à corriger<\/h3>/,
    );
  });

  test("formField reads only a single text value", () => {
    assert.equal(formField({ a: "x" }, "a"), "x");
    assert.equal(formField({ a: ["x", "y"] }, "a"), "");
    assert.equal(formField(undefined, "a"), "");
  });
});
