import { createHash, randomBytes } from "node:crypto";
import { changeAddress, displayNameOf, type Insured, insuredById } from "../identity/index.ts";
import { type ActorKind, recordAudit } from "../platform/audit.ts";
import { type Db, transaction } from "../platform/db.ts";
import { queueMail } from "../platform/mail.ts";
import { departmentByCode, type Fund, fundByCode, fundForDepartment } from "../reference/index.ts";
import { checkBankDetails } from "./bankDetails.ts";
import {
  type AddressField,
  type AddressForm,
  type BankAccount,
  type BankField,
  type BankForm,
  CONFIRMATION_HOURS,
  checkAddress,
  maskIban,
} from "./model.ts";
import { bankAccountsOf, confirmAccount, insertPendingAccount, pendingByToken } from "./store.ts";

export interface ProfileDeps {
  readonly db: Db;
  readonly publicUrl: string;
  readonly now: () => Date;
}

/** Who acts: the person, or their representative (recorded as themselves). */
export interface Actor {
  readonly actorKind: ActorKind;
  readonly actorId: number | null;
}

export const BANK_CONFIRMATION_PATH = "/espace/profil/banque/confirmer";

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

const SIGNATURE =
  "\n\nL'Assurance retraite\nCe courriel est envoyé automatiquement, merci de ne pas y répondre.";

export type AddressChange =
  | { readonly ok: false; readonly errors: Partial<Record<AddressField, string>> }
  | { readonly ok: true; readonly newFund: Fund | undefined };

/**
 * Records a new address. When the department changes, the file moves to the fund of the new
 * department; the person is told on the page (`newFund`) and by mail. Audited.
 */
export async function changeAddressOf(
  deps: ProfileDeps,
  owner: Insured,
  actor: Actor,
  form: AddressForm,
): Promise<AddressChange> {
  const checked = checkAddress(form, owner.department, (code) => departmentByCode(code) !== undefined);
  if (!checked.ok) return checked;
  const address = checked.value;
  const fund = fundForDepartment(address.department);
  const fundCode = fund?.code ?? owner.fundCode;
  const newFund = fundCode !== owner.fundCode ? fund : undefined;
  await transaction(deps, async (tx) => {
    await changeAddress(tx, owner.id, { ...address, fundCode });
    await recordAudit(tx, {
      ...actor,
      action: "profile.address.change",
      insuredId: owner.id,
      reason: null,
      details: {
        department: { from: owner.department, to: address.department },
        ...(newFund ? { fund: { from: owner.fundCode, to: newFund.code } } : {}),
      },
    });
    if (owner.email) {
      const where = `${address.line}, ${address.postcode} ${address.town}${address.livesAbroad ? `, ${address.country}` : ""}`;
      await queueMail(tx, {
        to: owner.email,
        subject: "Votre changement d'adresse est enregistré",
        text: `Bonjour ${displayNameOf(owner)},\n\nVotre nouvelle adresse est enregistrée : ${where}.${
          newFund
            ? `\n\nVotre dossier est désormais suivi par ${newFund.name}, la caisse de retraite de votre nouveau département. Vous n'avez rien à faire : votre dossier lui est transmis.`
            : ""
        }\n\nSi vous n'êtes pas à l'origine de ce changement, appelez le 3960.${SIGNATURE}`,
      });
    }
  });
  return { ok: true, newFund };
}

export type BankChange =
  | { readonly ok: false; readonly errors: Partial<Record<BankField, string>> }
  | { readonly ok: true; readonly sentTo: string };

/**
 * Records new bank details as pending and mails a single-use confirmation link to the person who
 * asked (the person, or their representative). Payments keep the current account until confirmed.
 */
export async function requestBankChange(
  deps: ProfileDeps,
  owner: Insured,
  requester: Insured,
  actor: Actor,
  form: BankForm,
): Promise<BankChange | { readonly ok: false; readonly noEmail: true }> {
  const checked = checkBankDetails(form, owner);
  if (!checked.ok) return checked;
  const email = requester.email;
  if (!email) return { ok: false, noEmail: true };
  const token = randomBytes(32).toString("base64url");
  const at = deps.now();
  await transaction(deps, async (tx) => {
    await insertPendingAccount(tx, {
      ...checked.value,
      insuredId: owner.id,
      tokenHash: tokenHash(token),
      expiresAt: new Date(at.getTime() + CONFIRMATION_HOURS * 3600_000),
      email,
    });
    await recordAudit(tx, {
      ...actor,
      action: "profile.bank.request",
      insuredId: owner.id,
      reason: null,
      details: { iban: maskIban(checked.value.iban) },
    });
    const link = new URL(`${BANK_CONFIRMATION_PATH}?jeton=${token}`, deps.publicUrl).href;
    await queueMail(tx, {
      to: email,
      subject: "Confirmez vos nouvelles coordonnées bancaires",
      text: `Bonjour ${displayNameOf(requester)},\n\nUne demande de changement de compte bancaire a été faite pour ${
        requester.id === owner.id ? "votre retraite" : `le dossier de ${displayNameOf(owner)}`
      } : ${maskIban(checked.value.iban)}, au nom de ${checked.value.holder}.\n\nPour la confirmer, ouvrez ce lien (valable ${CONFIRMATION_HOURS} heures, une seule fois) :\n${link}\n\nTant qu'elle n'est pas confirmée, les paiements continuent sur le compte actuel. Si vous n'êtes pas à l'origine de cette demande, ne cliquez pas et appelez le 3960.${SIGNATURE}`,
    });
  });
  return { ok: true, sentTo: email };
}

/** The request a link would confirm, for the confirmation page; undefined when it cannot be used. */
export async function pendingRequest(
  deps: ProfileDeps,
  ownerId: number,
  token: string,
): Promise<BankAccount | undefined> {
  return transaction(deps, async (tx) => {
    const pending = await pendingByToken(tx, tokenHash(token), deps.now());
    return pending && pending.insuredId === ownerId ? pending : undefined;
  });
}

/**
 * Confirms a request from its link: the new account is used from the next payment; a notice goes to
 * the e-mail address the previous account was confirmed with (or, for a first account, the person's
 * contact address) so a change made without them cannot go unnoticed. Audited.
 */
export async function confirmBankChange(
  deps: ProfileDeps,
  ownerId: number,
  actor: Actor,
  token: string,
): Promise<BankAccount | undefined> {
  const at = deps.now();
  return transaction(deps, async (tx) => {
    const pending = await pendingByToken(tx, tokenHash(token), at);
    if (!pending || pending.insuredId !== ownerId) return undefined;
    const owner = await insuredById(tx, ownerId);
    const { previousEmail } = await confirmAccount(tx, pending, at);
    await recordAudit(tx, {
      ...actor,
      action: "profile.bank.confirm",
      insuredId: ownerId,
      reason: null,
      details: { iban: maskIban(pending.iban) },
    });
    const noticeTo = previousEmail ?? owner?.email;
    if (owner && noticeTo) {
      await queueMail(tx, {
        to: noticeTo,
        subject: "Vos coordonnées bancaires ont changé",
        text: `Bonjour ${displayNameOf(owner)},\n\nLe compte bancaire sur lequel votre retraite est versée a changé le ${at.toLocaleDateString(
          "fr-FR",
          { timeZone: "Europe/Paris" },
        )} : ${maskIban(pending.iban)}, au nom de ${pending.holder}.\n\nNous vous écrivons à cette adresse, celle que nous connaissions jusqu'ici, par sécurité. Si vous n'êtes pas à l'origine de ce changement, appelez sans attendre le 3960.${SIGNATURE}`,
      });
    }
    return { ...pending, status: "confirmed", confirmedAt: at };
  });
}

export interface ProfileSummary {
  readonly owner: Insured;
  readonly fund: Fund | undefined;
  readonly accounts: readonly BankAccount[];
}

export async function profileOf(db: Db, ownerId: number): Promise<ProfileSummary | undefined> {
  const owner = await insuredById(db, ownerId);
  if (!owner) return undefined;
  return { owner, fund: fundByCode(owner.fundCode), accounts: await bankAccountsOf(db, ownerId) };
}
