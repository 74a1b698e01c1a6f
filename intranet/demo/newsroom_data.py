"""The demo newsroom's words (intranet/demo/newsroom.py dates them and adds the people): news
over the twelve weeks, leadership updates, the questions employees ask leadership, comments
and thank-yous. Data only; `days` is how many days before today an item was published."""

from __future__ import annotations

from typing import Any

# key, days ago, title, intro, body (HTML), category, tags, author, extras
NEWS: list[dict[str, Any]] = [
    {
        "key": "demo-n-seminaire-rentree",
        "days": 80,
        "title": "Séminaire de rentrée : ce qu'il faut retenir",
        "intro": "Trois cents collègues réunis à Lyon pour lancer la saison.",
        "body": "<p>Merci à toutes et à tous pour cette journée à Lyon. Nous avons partagé les "
        "résultats du semestre, les projets de chaque division et les trois chantiers de "
        "l'année : l'expérience client, la sécurité au travail et la simplification de nos "
        "outils.</p><p>Les supports des ateliers sont disponibles dans la page pratique du "
        "séminaire.</p>",
        "category": "Vie interne",
        "tags": ["séminaire", "stratégie"],
        "author": "demo-p-elise",
    },
    {
        "key": "demo-n-securite-atelier",
        "days": 74,
        "title": "Atelier de Lyon : 200 jours sans accident",
        "intro": "Une première sur le site de Vénissieux, fruit du travail de toutes les équipes.",
        "body": "<p>L'atelier de Lyon a franchi le cap des 200 jours sans accident avec arrêt. "
        "Les rondes sécurité quotidiennes et les remontées de presque-accidents y sont pour "
        "beaucoup.</p><p>Bravo aux trois équipes, et merci aux animateurs sécurité.</p>",
        "category": "Vie interne",
        "tags": ["sécurité au travail", "production"],
        "author": "demo-p-elise",
        "cover": True,
    },
    {
        "key": "demo-n-mutuelle",
        "days": 68,
        "title": "Mutuelle : ce qui change au 1er du mois prochain",
        "intro": "Optique et dentaire mieux remboursés, sans hausse de cotisation.",
        "body": "<p>Le nouveau contrat de mutuelle négocié avec les représentants du personnel "
        "améliore les remboursements en optique, en dentaire et en médecines douces.</p>"
        "<p>Vous recevrez votre nouvelle carte par courrier. Aucune démarche n'est nécessaire.</p>",
        "category": "Ressources humaines",
        "tags": ["mutuelle", "avantages"],
        "author": "demo-p-elise",
    },
    {
        "key": "demo-n-client-nord",
        "days": 61,
        "title": "Un nouveau grand compte dans les Hauts-de-France",
        "intro": "La région Nord signe un contrat de trois ans avec un distributeur régional.",
        "body": "<p>Après huit mois d'échanges, l'équipe de la région Nord a signé un contrat "
        "de trois ans avec un distributeur de 40 magasins. Les premières livraisons partiront "
        "de l'entrepôt de Roissy le mois prochain.</p>",
        "category": "Commercial",
        "tags": ["ventes", "clients"],
        "author": "demo-p-elise",
        "cover": True,
    },
    {
        "key": "demo-n-rgpd-rappel",
        "days": 55,
        "title": "Données personnelles : les bons réflexes",
        "intro": "Cinq règles simples pour protéger les données de nos clients et collègues.",
        "body": "<p>Ne partagez pas de fichiers clients par courriel personnel, rangez les "
        "exports dans les espaces prévus, et demandez conseil au délégué à la protection des "
        "données (DPO) en cas de doute.</p><p>Le guide RGPD complet est dans les pages "
        "pratiques.</p>",
        "category": "Informatique",
        "tags": ["RGPD", "données personnelles", "sécurité"],
        "author": "demo-p-elise",
    },
    {
        "key": "demo-n-restaurant-lyon",
        "days": 58,
        "title": "Le restaurant d'entreprise de Lyon rouvre ses portes",
        "intro": "Une salle rénovée, plus de places et un menu végétarien chaque jour.",
        "body": "<p>Après six semaines de travaux, le restaurant du site de Lyon accueille à "
        "nouveau les équipes, avec 40 places de plus et une terrasse.</p><p>Les horaires sont "
        "élargis pour les équipes de l'atelier : ouverture dès 11 h.</p>",
        "category": "Vie interne",
        "tags": ["restauration", "Lyon"],
        "author": "demo-p-claire",
    },
    {
        "key": "demo-n-journee-portes-ouvertes",
        "days": 49,
        "title": "Portes ouvertes en famille à l'entrepôt de Roissy",
        "intro": "Plus de 150 visiteurs ont découvert les coulisses de nos livraisons.",
        "body": "<p>Petits et grands ont suivi le parcours d'une commande, de la réception à "
        "l'expédition. Les caristes ont même organisé un concours de précision !</p><p>Merci "
        "aux équipes de Roissy pour leur accueil.</p>",
        "category": "Vie interne",
        "tags": ["événement", "logistique"],
        "author": "demo-p-claire",
        "cover": True,
    },
    {
        "key": "demo-n-formation-management",
        "days": 43,
        "title": "Un nouveau parcours de formation pour les managers",
        "intro": "Six modules courts, à suivre à son rythme, pour tous les managers.",
        "body": "<p>Le parcours « Manager au quotidien » ouvre ce mois-ci : feedback, "
        "entretiens annuels, prévention des risques psychosociaux et animation d'équipe à "
        "distance.</p><p>Les inscriptions se font auprès de l'équipe Talents et formation.</p>",
        "category": "Ressources humaines",
        "tags": ["formation", "management"],
        "author": "demo-p-elise",
    },
    {
        "key": "demo-n-export-canada",
        "days": 40,
        "title": "First shipments to Canada",
        "intro": "Our export team opens North America with a distributor in Montréal.",
        "body": "<p>The export team shipped its first containers to our new distributor in "
        "Montréal. Labels and manuals are bilingual, and customer support answers in French "
        "and English.</p>",
        "category": "Commercial",
        "tags": ["export", "Canada"],
        "author": "demo-p-claire",
        "language": "en",
    },
    {
        "key": "demo-n-qualite-iso",
        "days": 35,
        "title": "Certification ISO 9001 renouvelée",
        "intro": "L'audit de renouvellement s'est conclu sans aucune non-conformité majeure.",
        "body": "<p>L'auditeur a salué la qualité du traitement des réclamations et la "
        "formation des nouveaux arrivants à l'atelier. Deux pistes de progrès : la "
        "documentation des réglages et le suivi des fournisseurs.</p>",
        "category": "Vie interne",
        "tags": ["qualité", "ISO 9001"],
        "author": "demo-p-elise",
    },
    {
        "key": "demo-n-teletravail-accord",
        "days": 30,
        "title": "Accord télétravail : deux jours par semaine pour tous les postes éligibles",
        "intro": "L'accord signé avec les partenaires sociaux s'applique dès lundi.",
        "body": "<p>Chaque personne dont le poste s'y prête peut télétravailler jusqu'à deux "
        "jours par semaine, en accord avec son manager. Une indemnité mensuelle couvre les "
        "frais.</p><p>La page pratique « Télétravail » détaille les règles et le formulaire.</p>",
        "category": "Ressources humaines",
        "tags": ["télétravail", "accord"],
        "author": "demo-p-elise",
        "must_read": 85,
        "must_read_days": 10,
        "translation": "demo-n-remote-work-agreement",
    },
    {
        "key": "demo-n-remote-work-agreement",
        "days": 30,
        "title": "Remote work agreement: two days a week for every eligible role",
        "intro": "The agreement signed with employee representatives applies from Monday.",
        "body": "<p>Everyone whose role allows it may work from home up to two days a week, "
        "agreed with their manager. A monthly allowance covers the costs.</p><p>The "
        "“Remote work” page explains the rules and the form.</p>",
        "category": "Ressources humaines",
        "tags": ["remote work", "agreement"],
        "author": "demo-p-elise",
        "language": "en",
        "translation_of": "demo-n-teletravail-accord",
    },
    {
        "key": "demo-n-appli-conges",
        "days": 26,
        "title": "Posez vos congés depuis votre téléphone",
        "intro": "La nouvelle version de l'outil RH fonctionne enfin sur mobile.",
        "body": "<p>Demandes de congés, bulletins de paie et notes de frais : tout est "
        "accessible depuis un téléphone, sans VPN. Connectez-vous avec votre compte "
        "habituel.</p>",
        "category": "Informatique",
        "tags": ["outils", "mobile", "congés"],
        "author": "demo-p-elise",
        "cover": True,
    },
    {
        "key": "demo-n-don-du-sang",
        "days": 21,
        "title": "Collecte de sang au siège : 64 donneurs",
        "intro": "Un record pour notre troisième collecte avec l'Établissement français du sang.",
        "body": "<p>Merci aux 64 donneuses et donneurs, dont 18 pour la première fois. "
        "Prochaine collecte au printemps, à Lyon cette fois.</p>",
        "category": "Vie interne",
        "tags": ["solidarité", "RSE"],
        "author": "demo-p-claire",
    },
    {
        "key": "demo-n-plan-mobilite",
        "days": 17,
        "title": "Plan de mobilité : forfait vélo et covoiturage",
        "intro": "Jusqu'à 600 euros par an pour venir autrement qu'en voiture seul.",
        "body": "<p>Le forfait mobilités durables couvre le vélo, la trottinette et le "
        "covoiturage. Les demandes se font dans l'outil RH ; la communauté « Vélo au travail » "
        "partage ses itinéraires.</p>",
        "category": "Ressources humaines",
        "tags": ["mobilité", "vélo", "RSE"],
        "author": "demo-p-elise",
        "cover": True,
    },
    {
        "key": "demo-n-resultats-trimestre",
        "days": 13,
        "title": "Résultats du trimestre : la croissance se confirme",
        "intro": "Chiffre d'affaires en hausse de 6 %, porté par l'export.",
        "body": "<p>Le trimestre se termine au-dessus de nos objectifs : +6 % de chiffre "
        "d'affaires, +14 % à l'export, et un taux de service de 97 % à l'entrepôt.</p><p>La "
        "directrice générale reviendra sur ces résultats dans son prochain mot.</p>",
        "category": "Vie interne",
        "tags": ["résultats", "finance"],
        "author": "demo-p-claire",
    },
    {
        "key": "demo-n-phishing-exercice",
        "days": 9,
        "title": "Exercice d'hameçonnage : les résultats",
        "intro": "Un courriel piégé sur cinq a été ouvert ; le signalement progresse.",
        "body": "<p>Lors de l'exercice du mois dernier, 21 % des destinataires ont cliqué sur "
        "le lien, contre 34 % l'an dernier, et 40 % ont signalé le message au support.</p>"
        "<p>Merci de relire la procédure de signalement et de la confirmer ci-dessous.</p>",
        "category": "Informatique",
        "tags": ["sécurité", "hameçonnage"],
        "author": "demo-p-elise",
        "must_read": 40,
        "must_read_days": 12,
    },
    {
        "key": "demo-n-arrivees",
        "days": 6,
        "title": "Bienvenue aux nouveaux arrivants",
        "intro": "Douze personnes nous ont rejoints ce mois-ci, dont quatre à l'atelier.",
        "body": "<p>Souhaitons la bienvenue à nos douze nouvelles et nouveaux collègues. Leur "
        "parcours d'intégration commence par une journée au siège et un binôme dans leur "
        "équipe.</p>",
        "category": "Ressources humaines",
        "tags": ["intégration", "onboarding"],
        "author": "demo-p-elise",
        "cover": True,
    },
    {
        "key": "demo-n-assistant-ia",
        "days": 4,
        "title": "Assistants d'IA : ce que l'on peut faire, et ce qu'il faut éviter",
        "intro": "Une courte charte d'usage, préparée avec la communauté Data et IA.",
        "body": "<p>Les assistants d'IA peuvent aider à rédiger, résumer ou traduire, à "
        "condition de ne jamais y copier de données personnelles ni d'informations "
        "confidentielles.</p><p>La communauté Data et IA répond à vos questions.</p>",
        "category": "Informatique",
        "tags": ["IA", "RGPD", "outils"],
        "author": "demo-p-elise",
    },
    {
        "key": "demo-n-fermeture-fin-annee",
        "days": 2,
        "title": "Fermeture de fin d'année : les horaires de chaque site",
        "intro": "Le siège ferme une semaine ; l'entrepôt et le support restent ouverts.",
        "body": "<p>Le siège et les agences ferment pendant la semaine entre les fêtes. "
        "L'entrepôt de Roissy assure les expéditions urgentes et le support informatique reste "
        "joignable au 4242.</p><p>Merci de lire cette note et de le confirmer.</p>",
        "category": "Vie interne",
        "tags": ["organisation", "fêtes"],
        "author": "demo-p-elise",
        "must_read": 10,
        "must_read_days": 14,
        "featured": True,
    },
]

LEADERSHIP_UPDATES: list[dict[str, Any]] = [
    {
        "key": "demo-lu-rentree",
        "days": 78,
        "title": "Une rentrée sous le signe de l'écoute",
        "body": "<p>Chers collègues,</p><p>Je veux que chacune et chacun puisse poser ses "
        "questions à la direction, et obtenir une réponse. Cette page est faite pour cela : "
        "posez vos questions, votez pour celles qui vous importent, je réponds chaque "
        "semaine.</p><p>Sophie</p>",
        "tags": ["direction", "dialogue"],
    },
    {
        "key": "demo-lu-resultats",
        "days": 12,
        "title": "Nos résultats, et ce qu'ils vont financer",
        "body": "<p>Chers collègues,</p><p>Ce trimestre est le meilleur depuis trois ans. "
        "Une partie de cette réussite reviendra à toutes les équipes : la prime "
        "d'intéressement sera revue à la hausse et nous investissons dans la rénovation de "
        "l'atelier de Lyon.</p><p>Sophie</p>",
        "tags": ["résultats", "intéressement"],
    },
]

# update key, asker key, question, answer (None: still open), days ago asked
QUESTIONS: list[tuple[str, str, str, str | None, int]] = [
    (
        "demo-lu-rentree",
        "demo-p-camille",
        "Les équipes du support pourront-elles télétravailler elles aussi ?",
        "Oui : l'accord télétravail couvre le support, avec un planning d'équipe pour que le "
        "site reste couvert chaque jour. Mathilde le prépare avec son équipe.",
        75,
    ),
    (
        "demo-lu-rentree",
        "demo-p-g120",
        "Quand les vestiaires de l'atelier de Lyon seront-ils rénovés ?",
        "Les travaux commencent au printemps, financés par le budget de rénovation de "
        "l'atelier. Les plans seront présentés aux équipes avant le lancement.",
        70,
    ),
    (
        "demo-lu-priorites-2027",
        "demo-p-lucas",
        "Comment les priorités 2027 seront-elles déclinées dans chaque équipe ?",
        "Chaque division présente sa déclinaison en janvier, puis chaque manager en discute "
        "avec son équipe. Vos idées sont les bienvenues dans les défis.",
        20,
    ),
    (
        "demo-lu-priorites-2027",
        "demo-p-g200",
        "Y aura-t-il des recrutements à l'entrepôt de Roissy l'an prochain ?",
        None,
        18,
    ),
    (
        "demo-lu-remote-work",
        "demo-p-james",
        "Will the remote work allowance also cover a second screen?",
        "Yes: the equipment budget covers a screen and a headset for everyone who works from "
        "home at least one day a week. Ask the IT support.",
        8,
    ),
    (
        "demo-lu-resultats",
        "demo-p-g150",
        "La hausse de l'intéressement concernera-t-elle aussi les intérimaires ?",
        None,
        10,
    ),
    (
        "demo-lu-resultats",
        "demo-p-g060",
        "Peut-on savoir quelle part des résultats vient de l'export ?",
        None,
        5,
    ),
    (
        "demo-lu-resultats",
        "demo-p-camille",
        "Les projets informatiques de l'an prochain seront-ils présentés à tous ?",
        None,
        3,
    ),
]

COMMENTS = [
    "Merci pour l'information, très clair !",
    "Super nouvelle, bravo à toute l'équipe.",
    "Est-ce que cela concerne aussi les agences ?",
    "Enfin ! On l'attendait depuis longtemps.",
    "Bravo, c'est une belle réussite collective.",
    "Merci pour ce point, c'est utile de le rappeler.",
    "Où peut-on trouver plus de détails ?",
    "Très bonne initiative, j'en parle à mon équipe.",
    "Félicitations à tous ceux qui y ont contribué !",
    "Great news, thanks for sharing.",
    "Merci ! Petite question : faut-il faire une démarche particulière ?",
    "On en parle à la prochaine réunion d'équipe.",
]
LEADERSHIP_COMMENTS = [
    "Merci pour cette transparence.",
    "Ravi de voir que les idées du terrain sont entendues.",
    "Merci Sophie, on attend la suite avec impatience.",
]

# sender key, message: the thank-you goes to someone of the sender's team
KUDOS: list[tuple[str, str]] = [
    ("demo-p-camille", "Merci pour ton aide sur la migration des postes, tu m'as sauvé la semaine"),
    ("demo-p-mathilde", "Bravo pour la gestion de l'incident de lundi, calme et efficace."),
    ("demo-p-elise", "Merci pour les photos de l'atelier, elles ont fait le succès de l'article."),
    ("demo-p-sophie", "Merci pour votre engagement pendant l'audit ISO : un résultat exemplaire."),
    ("demo-p-hugo", "Merci pour la relecture de code, toujours précise et bienveillante."),
    ("demo-p-claire", "Bravo pour l'organisation des portes ouvertes, les familles ont adoré."),
    ("demo-p-julie", "Merci d'avoir accueilli les nouveaux arrivants avec autant d'attention."),
    ("demo-p-olivier", "Merci d'avoir tenu le support pendant la coupure réseau."),
    ("demo-p-mei", "Ton tableau de bord des ventes nous fait gagner des heures chaque semaine."),
    ("demo-p-sarah", "Merci pour la documentation du nouveau cluster, limpide."),
    ("demo-p-nathalie", "Merci pour ton écoute pendant les négociations de l'accord télétravail."),
    ("demo-p-paul", "Bravo pour la nouvelle charte graphique, tout le monde l'adore."),
]
# Thank-yous between colleagues of one team, drawn at random over the twelve weeks.
TEAM_KUDOS = [
    "Merci pour ton coup de main cette semaine, ça m'a vraiment aidé.",
    "Bravo pour ta présentation, claire et convaincante.",
    "Merci d'avoir pris le relais pendant mes congés.",
    "Toujours partant pour aider les autres : merci !",
    "Merci pour ta patience avec le nouveau logiciel, tu as formé toute l'équipe.",
    "Bravo pour cette idée, elle simplifie la vie de tout le monde.",
    "Thanks for covering for me on Friday, much appreciated!",
    "Merci pour ta bonne humeur, même les jours de rush.",
]
