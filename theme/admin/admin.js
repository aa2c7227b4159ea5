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

  function dayOf(value) {
    var day = /^\d{4}-\d{2}-\d{2}/.exec(value == null ? "" : String(value));
    return day ? day[0] : "";
  }

  var h = window.h;
  var DateControl = window.createClass({
    isValid: function () {
      var rules = this.props.field.get("rules");
      var value = this.props.value, entry = this.props.entry;
      var failed = rules && rules.toJS().find(function (rule) { return broken(rule, value, entry); });
      return failed ? { error: { type: "CUSTOM", message: failed.message } } : true;
    },
    // The calendar is left alone while it is used (a year typed digit by digit
    // passes through 0002, 0020…), and shows the day typed in the box otherwise.
    componentDidUpdate: function () {
      if (this.picker && this.picker !== document.activeElement) this.picker.value = dayOf(this.props.value);
    },
    render: function () {
      var props = this.props, self = this;
      var value = props.value == null ? "" : String(props.value);
      return h("div", { className: "llv-date" },
        h("input", {
          type: "text", id: props.forID, value: value, className: props.classNameWrapper,
          onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle,
          onChange: function (event) { props.onChange(event.target.value); }
        }),
        h("input", {
          type: "date", defaultValue: dayOf(value), "aria-label": "Choisir le jour dans un calendrier",
          className: "llv-date-picker", ref: function (node) { self.picker = node; },
          onChange: function (event) {
            if (!/^(19\d\d|20\d\d|2100)-/.test(event.target.value)) return;  // a year being typed
            // a picked day keeps the time already written
            props.onChange(event.target.value + (dayOf(value) ? value.slice(10) : ""));
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

  // An identifier, proposed from the title or name its `from` names (in the same
  // language's pane) while it is typed, until the editor writes one; a saved
  // one never follows its title again (the address of a published page).
  // Decap renders a field again only when its own value changes: the proposal
  // follows the form's input events.
  function titleOf(props) {
    var entry = props.getEntry();
    var i18n = props.collection.get("i18n");
    var pane = i18n && props.locale && props.locale !== i18n.get("default_locale")
      ? ["i18n", props.locale, "data"] : ["data"];
    var title = entry.getIn(pane.concat(props.field.get("from").split(".")));
    return title == null ? "" : String(title);
  }

  var SlugControl = window.createClass({
    getInitialState: function () {
      var value = this.props.value == null ? "" : String(this.props.value);
      this.title = titleOf(this.props);
      return { following: blank(value) ||
        (this.props.getEntry().get("newRecord") === true && value === slugify(this.title)) };
    },
    componentDidMount: function () {
      document.addEventListener("input", this.follow);
    },
    componentWillUnmount: function () {
      document.removeEventListener("input", this.follow);
    },
    follow: function () {
      var title = titleOf(this.props);
      if (title === this.title) return;
      this.title = title;
      var proposed = slugify(title);
      if (this.state.following && proposed !== (this.props.value || "")) this.props.onChange(proposed);
    },
    render: function () {
      var props = this.props, self = this;
      return h("input", {
        type: "text", id: props.forID, value: props.value == null ? "" : String(props.value),
        className: props.classNameWrapper, onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle,
        onChange: function (event) {
          self.setState({ following: blank(event.target.value) });
          props.onChange(event.target.value);
        }
      });
    }
  });
  CMS.registerWidget("llv-slug", SlugControl, null, { properties: { from: { type: "string" } } });

  // Decap writes the language nobody touched of a new entry as an empty file
  // ("\n"): every backend the site may use gets its files without it, so that
  // a post written in French only has no English file (the GitHub backend online,
  // decap-server's proxy under `make cms`). Decap's events cannot do it: a
  // preSave handler changes the entry's data, not its other languages'.
  function withoutEmptyFiles(entry) {
    return Object.assign({}, entry, { dataFiles: entry.dataFiles.filter(function (file) {
      return typeof file.raw !== "string" || file.raw.trim() !== "";
    }) });
  }

  ["proxy", "github", "gitlab", "gitea", "bitbucket", "git-gateway", "azure"].forEach(function (name) {
    var registered = CMS.getBackend(name);
    if (!registered) return;
    var init = registered.init;
    registered.init = function () {
      var backend = init.apply(this, arguments);
      var persistEntry = backend.persistEntry;
      backend.persistEntry = function (entry, options) {
        return persistEntry.call(this, withoutEmptyFiles(entry), options);
      };
      return backend;
    };
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
