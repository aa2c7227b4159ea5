// The CMS at /admin/ (docs/cms.md), after Decap's script: its French completed,
// the image dialog in French, and the model's rules across fields checked
// before saving, with the build's messages (plugins/llv/model/schema.py,
// in French as theme/translations/fr gives them).
(function () {
  "use strict";
  var CMS = window.CMS;
  if (!CMS) return;

  // What Decap leaves in English in its French, and what its French says wrongly.
  var FRENCH = {
    auth: { loginWithForgejo: "Se connecter avec Forgejo" },
    collection: {
      collectionTop: { viewAsList: "Afficher en liste", viewAsGrid: "Afficher en grille" },
      entries: { unpublishedHeader: "Entrées non publiées" }
    },
    editor: {
      editorControl: { field: { widgetLabel: "Champ %{widgetLabel}" } },
      editorControlPane: {
        widget: {
          // the field and the build's message, without "schéma"
          regexPattern: "%{fieldLabel} : %{pattern}."
        },
        i18n: {
          copyFromLocale: "Reprendre le texte d'une autre langue",
          copyFromLocaleConfirm: "Reprendre le texte en %{locale} ?\nCe qui est écrit ici sera remplacé."
        }
      },
      editorInterface: { toggleNotes: "Afficher ou masquer les notes" },
      editorNotesPane: {
        title: "Notes", emptyState: "Aucune note. Ajoutez la première ci-dessous.",
        addNote: "Ajouter une note", addPlaceholder: "Ajouter une note…",
        editPlaceholder: "Modifier la note…", save: "Enregistrer", cancel: "Annuler",
        edit: "Modifier", delete: "Supprimer", resolve: "Marquer comme réglée",
        unresolve: "Rouvrir", confirmDelete: "Supprimer cette note ?",
        shortcut: "Astuce : Ctrl+Entrée ajoute la note"
      },
      editorToolbar: {
        // also true of a new form nobody has touched
        changesSaved: "Aucune modification en attente",
        statusInfoTooltipDraft: "Brouillon. Pour le faire relire, passez-le « En cours de révision ».",
        statusInfoTooltipInReview: "En cours de relecture : rien d'autre à faire. Vous pouvez encore le modifier."
      },
      editorWidgets: {
        markdown: {
          strikethrough: "Barré",
          toggleMode: { rich: "Passer en mode texte enrichi", markdown: "Passer en mode Markdown" }
        },
        image: { chooseMultiple: "Choisir des images", addMore: "Ajouter des images", removeAll: "Retirer toutes les images" },
        file: { chooseMultiple: "Choisir des fichiers", addMore: "Ajouter des fichiers", removeAll: "Retirer tous les fichiers" },
        datetime: { setToNow: "Mettre %{fieldLabel} à maintenant" },
        object: { expand: "Déplier", collapse: "Replier" }
      }
    },
    mediaLibrary: { mediaLibraryModal: { close: "Fermer" } },
    ui: {
      settingsDropdown: { account: "Menu du compte" },
      toast: {
        missingRequiredField: "Rien n'est enregistré : corrigez le champ signalé en rouge.",
        onFailToPersist: "Rien n'est enregistré : %{details}",
        noteAdded: "Note ajoutée", onFailToAddNote: "La note n'a pas été ajoutée : %{details}",
        noteUpdated: "Note modifiée", onFailToUpdateNote: "La note n'a pas été modifiée : %{details}",
        noteDeleted: "Note supprimée", onFailToDeleteNote: "La note n'a pas été supprimée : %{details}",
        noteResolved: "Note réglée", noteReopened: "Note rouverte",
        onFailToToggleNote: "La note n'a pas changé d'état : %{details}"
      }
    }
  };

  function merged(base, extra) {
    var result = {};
    Object.keys(base || {}).forEach(function (key) { result[key] = base[key]; });
    Object.keys(extra).forEach(function (key) {
      result[key] = typeof extra[key] === "object" ? merged(result[key], extra[key]) : extra[key];
    });
    return result;
  }

  CMS.registerLocale("fr", merged(CMS.getLocale("fr"), FRENCH));

  // Decap's image of a text, its fields labelled in French (same Markdown).
  CMS.registerEditorComponent({
    id: "image",
    label: "Image",
    pattern: /^!\[([^\]]*)\]\((.*?)(\s"([^"]*)")?\)/,
    fromBlock: function (match) {
      return match && { image: match[2], alt: match[1], title: match[4] };
    },
    toBlock: function (data) {
      var title = data.title ? ' "' + data.title.replace(/"/g, '\\"') + '"' : "";
      return "![" + (data.alt || "") + "](" + (data.image || "") + title + ")";
    },
    toPreview: function (data) {
      return "";
    },
    fields: [
      { label: "Image", name: "image", widget: "image", media_library: { allow_multiple: false } },
      { label: "Texte alternatif (ce que montre l'image)", name: "alt" },
      { label: "Titre (infobulle, facultatif)", name: "title" }
    ]
  });

  // A date: typed ("2022-10-14 18:30", or "2022-10" and "2022" where the model
  // allows them) or picked in a calendar, beside it. Its `rules` are the model's
  // rules across fields (tools/cms_config.py: EVENT_RULES), checked with the
  // other checks of the form before saving, each with the build's message.
  function moment(value) {
    var match = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?)?)?$/
      .exec(String(value == null ? "" : value).trim());
    if (!match) return null;
    function two(part, fallback) { return ("0" + (part || fallback)).slice(-2); }
    return match[1] + "-" + two(match[2], "01") + "-" + two(match[3], "01") + " " +
      two(match[4], "00") + ":" + two(match[5], "00") + ":" + two(match[6], "00");
  }

  function blank(value) {
    return value == null || String(value).trim() === "";
  }

  function broken(rule, value, entry) {
    var other = entry ? entry.getIn(["data", rule.field]) : null;
    if (rule.check === "not-before") {
      var mine = moment(value), theirs = moment(other);
      return mine !== null && theirs !== null && mine < theirs;
    }
    if (rule.check === "together") return blank(value) !== blank(other);
    if (rule.check === "only-for") return !blank(value) && other !== rule.value;
    return false;
  }

  var h = window.h;
  var DateControl = window.createClass({
    isValid: function () {
      var rules = this.props.field.get("rules");
      var value = this.props.value, entry = this.props.entry;
      var failed = rules && rules.toJS().find(function (rule) { return broken(rule, value, entry); });
      return failed ? { error: { type: "CUSTOM", message: failed.message } } : true;
    },
    render: function () {
      var props = this.props;
      var value = props.value == null ? "" : String(props.value);
      var day = /^\d{4}-\d{2}-\d{2}/.exec(value);
      return h("div", { className: "llv-date" },
        h("input", {
          type: "text", id: props.forID, value: value, className: props.classNameWrapper,
          onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle,
          onChange: function (event) { props.onChange(event.target.value); }
        }),
        h("input", {
          type: "date", value: day ? day[0] : "", "aria-label": "Choisir le jour dans un calendrier",
          className: "llv-date-picker",
          onChange: function (event) {
            // a picked day keeps the time already written
            props.onChange(event.target.value + (day ? value.slice(10) : ""));
          }
        }));
    }
  });
  CMS.registerWidget("llv-date", DateControl, null,
    { properties: { rules: { type: "array" } } });

  // A price: free, or an amount in euros (a comma is written as a point).
  var PriceControl = window.createClass({
    getInitialState: function () {
      var value = this.props.value == null ? "" : String(this.props.value);
      return { paid: value !== "" && value !== "free" };
    },
    render: function () {
      var props = this.props, self = this;
      var value = props.value == null ? "" : String(props.value);
      var choice = value === "free" ? "free" : (this.state.paid ? "paid" : "");
      var children = [
        h("select", {
          key: "choice", id: props.forID, value: choice, className: props.classNameWrapper,
          onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle,
          onChange: function (event) {
            var chosen = event.target.value;
            self.setState({ paid: chosen === "paid" });
            props.onChange(chosen === "free" ? "free" : "");
          }
        },
          h("option", { value: "" }, "Non précisé"),
          h("option", { value: "free" }, "Gratuit"),
          h("option", { value: "paid" }, "Payant"))
      ];
      if (choice === "paid") {
        children.push(h("input", {
          key: "amount", type: "text", inputMode: "decimal", value: value,
          "aria-label": "Montant en euros", className: "llv-price-amount",
          onChange: function (event) { props.onChange(event.target.value.replace(",", ".").trim()); }
        }), h("span", { key: "unit" }, "€"));
      }
      return h("div", { className: "llv-price" }, children);
    }
  });
  CMS.registerWidget("llv-price", PriceControl);

  // What to propose as an identifier, from a title: as Decap makes file names.
  function slugify(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
  }

  // The field a new item's identifier is proposed from, per collection.
  var SLUG_FROM = { events: ["title", "fr"], startups: ["name"], partners: ["name", "fr"] };

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var data = entry.get("data");
      var collection = entry.get("collection");
      if (SLUG_FROM[collection] && blank(data.get("slug"))) {
        var title = data.getIn(SLUG_FROM[collection]);
        if (!blank(title)) data = data.set("slug", slugify(title));
      }
      return data;
    }
  });

  // A news post dated after today is published on that day by the nightly
  // build (llv.news): say so once it is saved.
  CMS.registerEventListener({
    name: "postSave",
    handler: function (event) {
      var notice = document.querySelector(".save-notice");
      var entry = event.entry;
      if (!notice || entry.get("collection") !== "news") return;
      var written = String(entry.getIn(["data", "date"]) || "").trim();
      var date = moment(written);
      var now = new Date();
      var today = moment(now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2) + "-" +
                         ("0" + now.getDate()).slice(-2));
      notice.textContent = date && date.slice(0, 10) > today.slice(0, 10)
        ? "Actualité enregistrée. Elle est datée du " + written + " : elle paraîtra sur le site ce jour-là, " +
          "publiée par la construction de chaque nuit, pas avant."
        : "";
    }
  });
})();
