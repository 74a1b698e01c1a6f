# ruff: noqa: E501 - data: sentences read better whole than cut at 100 columns
"""What the demo's people write in the ideas hub: challenges, ideas, comments, owner answers.

Plain data, in French (the demo's language). Dates are not here: intranet/demo/ideas.py
places every challenge relative to today.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChallengePlan:
    """A challenge and its phases, in days from today (negative: in the past).

    `voting` empty: votes open with submission; `review` empty: voting lasts until it closes.
    """

    key: str
    title: str
    description: str
    tags: tuple[str, ...]
    opens: int
    closes: int
    voting: int | None = None
    review: int | None = None
    anonymous_ideas: bool = False
    ideas: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


CHALLENGES = (
    ChallengePlan(
        key="demo-a-travel",
        title="Moins de déplacements, plus de temps utile",
        description=(
            "Nos trajets entre sites coûtent du temps, de l'argent et du carbone. "
            "Comment nous réunir mieux en nous déplaçant moins ?"
        ),
        tags=("déplacements", "environnement"),
        opens=-84,
        voting=-60,
        review=-46,
        closes=-25,
        ideas=(
            (
                "Des salles de visioconférence dans chaque site",
                "Équiper une salle par étage d'une caméra grand angle et d'un micro de plafond, réservables depuis l'intranet.",
                ("visio", "salles"),
            ),
            (
                "Un jour sans réunion entre sites",
                "Le mercredi, aucune réunion qui oblige à prendre la route : on travaille sur place ou à distance.",
                ("réunions",),
            ),
            (
                "Covoiturage entre les sites de Lyon et Grenoble",
                "Une page de l'intranet pour proposer et trouver un trajet, avec les horaires habituels des navettes.",
                ("covoiturage", "mobilité"),
            ),
            (
                "Des vélos de service au siège",
                "Dix vélos à assistance électrique pour les trajets de moins de dix kilomètres.",
                ("vélo", "mobilité"),
            ),
            (
                "Regrouper les comités mensuels",
                "Un seul déplacement par mois pour tous les comités qui réunissent plusieurs sites.",
                ("réunions",),
            ),
            (
                "Le train plutôt que l'avion sous quatre heures",
                "La politique de voyage impose le train quand le trajet dure moins de quatre heures.",
                ("voyages", "environnement"),
            ),
            (
                "Des bureaux partagés dans chaque ville",
                "Pouvoir travailler une journée dans n'importe quel site, avec un poste réservé en deux clics.",
                ("flex office",),
            ),
            (
                "Un bilan carbone des déplacements par équipe",
                "Chaque équipe voit chaque trimestre les émissions de ses déplacements professionnels.",
                ("environnement",),
            ),
            (
                "Former les animateurs de réunions hybrides",
                "Deux heures de formation pour que ceux à distance participent vraiment.",
                ("réunions", "formation"),
            ),
            (
                "Un budget mobilité durable",
                "Remplacer une part des frais kilométriques par un forfait pour le train, le vélo ou le covoiturage.",
                ("mobilité",),
            ),
            (
                "Des navettes entre la gare et le site de Vénissieux",
                "Deux navettes le matin et deux le soir, calées sur les trains.",
                ("mobilité",),
            ),
            (
                "Visites clients groupées par région",
                "Organiser les tournées pour voir plusieurs clients dans le même déplacement.",
                ("voyages",),
            ),
            (
                "Un outil de réservation de salles unique",
                "Aujourd'hui, chaque site a son tableau : un seul outil pour tous les sites.",
                ("salles",),
            ),
            (
                "Des casques de qualité pour tous",
                "Un bon casque évite bien des déplacements pour une réunion d'une heure.",
                ("visio",),
            ),
            (
                "Des réunions de 25 et 50 minutes",
                "Finir cinq ou dix minutes avant l'heure pour souffler entre deux réunions.",
                ("réunions",),
            ),
            (
                "Partager les trajets vers les salons",
                "Un tableau des salons de l'année pour y aller ensemble.",
                ("covoiturage",),
            ),
            (
                "Compenser les vols inévitables",
                "Financer un projet local de reboisement pour chaque vol long-courrier.",
                ("environnement",),
            ),
            (
                "Des bornes de recharge au parking",
                "Six bornes pour les voitures électriques des salariés et des visiteurs.",
                ("mobilité",),
            ),
        ),
    ),
    ChallengePlan(
        key="demo-a-canteen",
        title="Une cantine plus durable et plus conviviale",
        description=(
            "Moins de gaspillage, plus de produits locaux, des moments partagés : "
            "à quoi ressemblerait notre restaurant d'entreprise idéal ?"
        ),
        tags=("restauration", "environnement"),
        opens=-70,
        voting=-45,
        review=-18,
        closes=12,
        ideas=(
            (
                "Des produits locaux chaque jour",
                "Au moins un plat par jour cuisiné avec des produits de la région.",
                ("local",),
            ),
            (
                "Peser les déchets du plateau",
                "Afficher chaque semaine le poids des restes pour mesurer nos progrès.",
                ("gaspillage",),
            ),
            (
                "Des portions au choix",
                "Petite ou grande assiette, au même prix au kilo.",
                ("gaspillage",),
            ),
            (
                "Un menu végétarien tous les jours",
                "Une option végétarienne savoureuse à chaque service.",
                ("menu",),
            ),
            (
                "Des tables partagées pour rencontrer d'autres équipes",
                "Quelques grandes tables signalées où l'on s'assoit avec qui l'on veut.",
                ("convivialité",),
            ),
            (
                "Des boîtes réutilisables pour emporter",
                "Une consigne de boîtes en verre pour ceux qui déjeunent au bureau.",
                ("zéro déchet",),
            ),
            (
                "Le menu de la semaine sur l'intranet",
                "Publier les menus le vendredi pour la semaine suivante, avec les allergènes.",
                ("menu",),
            ),
            (
                "Un composteur pour les restes",
                "Un composteur partagé avec le jardin de l'entreprise.",
                ("zéro déchet",),
            ),
            (
                "Un potager sur le toit",
                "Des bacs de plantes aromatiques entretenus par des volontaires.",
                ("jardin",),
            ),
            (
                "Des horaires élargis le vendredi",
                "Ouvrir jusqu'à 14 h 30 le vendredi pour les équipes en réunion.",
                ("horaires",),
            ),
            (
                "Une fontaine à eau pétillante",
                "Remplacer les bouteilles par une fontaine à eau plate et pétillante.",
                ("zéro déchet",),
            ),
            (
                "Un repas du monde une fois par mois",
                "Les collègues proposent une recette de leur pays, cuisinée par le chef.",
                ("convivialité", "menu"),
            ),
            (
                "Donner les invendus à une association",
                "Un partenariat pour que les repas non servis profitent à une association du quartier.",
                ("gaspillage",),
            ),
            (
                "Noter les plats d'un clic",
                "Une note à la sortie pour que le chef sache ce qui plaît.",
                ("menu",),
            ),
            (
                "Des couverts en métal partout",
                "Plus aucun couvert jetable, même à la cafétéria.",
                ("zéro déchet",),
            ),
            (
                "Un petit-déjeuner d'équipe offert chaque trimestre",
                "Un moment convivial pour démarrer la journée ensemble.",
                ("convivialité",),
            ),
            (
                "Afficher l'origine des viandes",
                "Indiquer pour chaque plat d'où viennent la viande et le poisson.",
                ("local",),
            ),
        ),
    ),
    ChallengePlan(
        key="demo-a-remote",
        title="Mieux travailler à distance",
        description=(
            "Deux jours de télétravail par semaine, c'est devenu la norme. "
            "Qu'est-ce qui vous aiderait à mieux travailler depuis chez vous, et à garder le lien ?"
        ),
        tags=("télétravail",),
        opens=-52,
        voting=-11,
        closes=21,
        ideas=(
            (
                "Un second écran prêté pour la maison",
                "Chaque salarié peut emprunter un écran pour son poste à domicile.",
                ("télétravail", "équipement"),
            ),
            (
                "Une charte du droit à la déconnexion",
                "Pas de message attendu après 19 h ni le week-end, rappelé dans les outils.",
                ("télétravail", "déconnexion"),
            ),
            (
                "Des cafés virtuels entre équipes",
                "Quinze minutes le jeudi pour discuter avec des collègues tirés au sort.",
                ("télétravail", "convivialité"),
            ),
            (
                "Un forfait pour les frais de connexion",
                "Une participation mensuelle à l'abonnement internet des télétravailleurs.",
                ("télétravail",),
            ),
            (
                "Des jours d'équipe sur site",
                "Chaque équipe choisit un jour où tout le monde vient, pour se voir vraiment.",
                ("télétravail", "équipe"),
            ),
            (
                "Un guide du télétravail sur l'intranet",
                "Les règles, le matériel, les bons réflexes et qui contacter, sur une seule page.",
                ("télétravail",),
            ),
            (
                "Des sièges ergonomiques à prix négocié",
                "Un partenariat avec un fabricant pour équiper son bureau à la maison.",
                ("télétravail", "équipement"),
            ),
            (
                "Un statut « concentré » partagé",
                "Indiquer dans l'agenda les plages où l'on ne veut pas être dérangé.",
                ("télétravail",),
            ),
            (
                "Télétravail depuis un autre site de l'entreprise",
                "Pouvoir travailler depuis le site le plus proche de chez soi.",
                ("télétravail", "flex office"),
            ),
            (
                "Des réunions d'équipe filmées pour les absents",
                "Enregistrer les points d'équipe pour ceux qui ne pouvaient pas être là.",
                ("télétravail", "réunions"),
            ),
            (
                "Un accueil à distance des nouveaux arrivants",
                "Une semaine d'accueil pensée aussi pour ceux qui arrivent en télétravail.",
                ("télétravail", "accueil"),
            ),
            (
                "Des ateliers de posture au poste de travail",
                "Un kinésithérapeute en visio pour régler son poste à domicile.",
                ("télétravail", "santé"),
            ),
            (
                "Des plages de réunion communes",
                "Les réunions entre équipes seulement de 10 h à 12 h et de 14 h à 16 h.",
                ("télétravail", "réunions"),
            ),
            (
                "Un tchat d'entraide informatique",
                "Un canal où le support et les collègues répondent aux soucis de connexion.",
                ("télétravail", "informatique"),
            ),
            (
                "Un kit de bienvenue du télétravailleur",
                "Casque, support d'ordinateur et guide, envoyés à domicile.",
                ("télétravail", "équipement"),
            ),
            (
                "Fêter les réussites en ligne aussi",
                "Un moment mensuel pour remercier ceux qui ont fait avancer l'équipe.",
                ("télétravail", "reconnaissance"),
            ),
            (
                "Une salle calme au siège pour les visios",
                "Des cabines insonorisées pour les appels quand on est sur site.",
                ("télétravail", "salles"),
            ),
            (
                "Des objectifs plutôt que des horaires",
                "Mesurer le travail fait plutôt que le temps connecté.",
                ("télétravail", "management"),
            ),
        ),
    ),
    ChallengePlan(
        key="demo-a-offices",
        title="Des bureaux où l'on travaille bien",
        description=(
            "Bruit, lumière, imprimantes, salles de réunion : racontez-nous ce qui vous gêne au "
            "bureau et proposez ce qui changerait vos journées. Les idées peuvent être anonymes."
        ),
        tags=("bureaux", "qualité de vie"),
        opens=-30,
        closes=30,
        anonymous_ideas=True,
        ideas=(
            (
                "Des imprimantes qui marchent vraiment",
                "Un contrat de maintenance avec intervention sous quatre heures, et moins d'imprimantes mais fiables.",
                ("imprimantes",),
            ),
            (
                "Des espaces calmes dans l'open space",
                "Des îlots où l'on parle à voix basse, signalés au sol.",
                ("bruit",),
            ),
            (
                "Des plantes dans tous les bureaux",
                "Des plantes entretenues par un prestataire pour un air plus agréable.",
                ("bien-être",),
            ),
            (
                "Réserver un poste depuis son téléphone",
                "Voir les postes libres du jour et en réserver un en deux clics.",
                ("flex office",),
            ),
            (
                "Une lumière réglable à chaque poste",
                "Des lampes de bureau pour ceux qui sont loin des fenêtres.",
                ("lumière",),
            ),
            (
                "Des casiers pour les postes partagés",
                "Un casier personnel pour ranger ses affaires le soir.",
                ("flex office",),
            ),
            (
                "Une salle de sieste",
                "Une petite salle pour se reposer vingt minutes après le déjeuner.",
                ("bien-être",),
            ),
            (
                "Des tableaux blancs dans les salles",
                "Chaque salle de réunion a un tableau et des feutres qui écrivent.",
                ("salles",),
            ),
            (
                "Signaler une panne en un clic",
                "Un QR code sur chaque équipement pour signaler une panne aux services généraux.",
                ("services généraux",),
            ),
            (
                "Des bureaux assis-debout",
                "Quelques postes réglables en hauteur, réservables.",
                ("bien-être", "équipement"),
            ),
            (
                "Une température mieux réglée",
                "Des capteurs par zone pour ne plus avoir froid près des fenêtres.",
                ("confort",),
            ),
            (
                "Un espace café plus grand",
                "Agrandir la cafétéria du deuxième étage pour s'y retrouver.",
                ("convivialité",),
            ),
            (
                "Des cabines téléphoniques",
                "Des cabines fermées pour passer un appel sans déranger.",
                ("bruit",),
            ),
            (
                "Moins d'impressions, plus de partage d'écrans",
                "Des écrans dans les salles pour ne plus imprimer les supports de réunion.",
                ("imprimantes", "environnement"),
            ),
            (
                "Un parking vélo couvert et sécurisé",
                "Un abri fermé par badge, avec des prises pour les vélos électriques.",
                ("vélo",),
            ),
            (
                "Des douches pour les cyclistes",
                "Deux douches et des vestiaires au rez-de-chaussée.",
                ("vélo",),
            ),
        ),
    ),
    ChallengePlan(
        key="demo-a-wellbeing",
        title="Notre semaine de la qualité de vie au travail",
        description=(
            "En janvier, une semaine pour prendre soin de nous : ateliers, conférences, sport, "
            "rencontres. Proposez ce que vous aimeriez y trouver."
        ),
        tags=("qualité de vie", "santé"),
        opens=-13,
        voting=10,
        closes=35,
        ideas=(
            (
                "Des séances de yoga le midi",
                "Trois séances d'une demi-heure dans la grande salle.",
                ("sport",),
            ),
            (
                "Une conférence sur le sommeil",
                "Un médecin du sommeil pour nous aider à mieux récupérer.",
                ("santé",),
            ),
            (
                "Un tournoi de pétanque inter-équipes",
                "Le jeudi soir, sur le terrain derrière le parking.",
                ("sport", "convivialité"),
            ),
            ("Des massages assis", "Dix minutes de massage sur rendez-vous.", ("bien-être",)),
            (
                "Un atelier gestion du stress",
                "Des techniques simples de respiration et d'organisation.",
                ("santé",),
            ),
            (
                "Une course solidaire",
                "Cinq kilomètres au profit d'une association choisie par les salariés.",
                ("sport",),
            ),
            (
                "Un atelier cuisine saine",
                "Avec le chef de la cantine, des recettes rapides pour la semaine.",
                ("restauration",),
            ),
            (
                "Des bilans de santé gratuits",
                "La médecine du travail propose tension, vue et audition.",
                ("santé",),
            ),
            (
                "Une journée sans mail",
                "Le vendredi de la semaine, on se parle plutôt que de s'écrire.",
                ("déconnexion",),
            ),
            (
                "Des ateliers parents",
                "Concilier travail et vie de famille : échanges entre parents.",
                ("famille",),
            ),
            (
                "Une exposition des talents cachés",
                "Photos, peintures, musique : les collègues montrent ce qu'ils font.",
                ("convivialité",),
            ),
            (
                "Un atelier premiers secours",
                "Deux heures pour apprendre les gestes qui sauvent.",
                ("santé",),
            ),
        ),
    ),
    ChallengePlan(
        key="demo-a-interns",
        title="Accueillir nos stagiaires et alternants",
        description=(
            "Plus de quarante jeunes nous rejoignent chaque année. Comment les accueillir, les "
            "accompagner et leur donner envie de rester ?"
        ),
        tags=("accueil", "alternance"),
        opens=9,
        closes=60,
    ),
)

COMMENTS = (
    "Très bonne idée, je soutiens !",
    "On l'a testé dans mon ancienne entreprise, ça marchait bien.",
    "Il faudrait commencer par un site pilote pour voir.",
    "Oui, et en profiter pour demander l'avis des équipes concernées.",
    "Combien ça coûterait ? Ça vaut le coup d'estimer avant.",
    "Je suis partant pour aider à la mettre en place.",
    "Attention à ne pas oublier les collègues des petits sites.",
    "Simple et efficace, j'aime beaucoup.",
    "Ça rejoint une autre idée de ce défi, peut-être à regrouper ?",
    "On pourrait mesurer l'effet au bout de trois mois.",
    "Bonne idée, mais il faut que ce soit facultatif.",
    "Enfin ! On en parle depuis longtemps dans l'équipe.",
)

# The week's frustration about the printers (an emerging theme in the signals).
PRINTER_COMMENTS = (
    "L'imprimante du deuxième est encore en panne, ça ne marche toujours pas !",
    "Troisième panne d'imprimante cette semaine, c'est vraiment pénible.",
    "Impossible d'imprimer depuis lundi : l'imprimante est en panne et personne ne répond.",
    "Encore une panne de l'imprimante ce matin, j'ai dû aller au quatrième.",
    "L'imprimante en panne bloque nos contrats, ce n'est pas normal.",
    "Toujours la même panne d'imprimante, le ticket n'avance pas.",
)

# Comments on remote work, week after week (a strong theme, tagged #télétravail).
REMOTE_COMMENTS = (
    "Le télétravail m'a fait gagner une heure de trajet par jour, à garder absolument.",
    "Pour le télétravail, un vrai écran à la maison change tout.",
    "En télétravail, on perd un peu le lien avec l'équipe : les cafés virtuels aideraient.",
    "Le télétravail marche bien chez nous quand les réunions sont regroupées.",
    "Je suis pour, le télétravail demande juste des règles claires.",
)

UNDER_REVIEW = (
    "Merci pour cette proposition : nous l'étudions avec les services concernés et revenons vers vous.",
    "Bonne piste. Nous regardons le coût et la faisabilité, réponse à la fin de la phase de vote.",
)
SELECTED = (
    "Retenue ! Elle sera mise en place au prochain trimestre ; nous cherchons des volontaires pour le pilote.",
    "Le jury l'a retenue pour son effet rapide et son coût modeste. Lancement annoncé dans les actualités.",
)
IMPLEMENTED = (
    "C'est fait : l'idée est en place depuis ce mois-ci. Merci à toutes celles et ceux qui l'ont soutenue !",
    "Mise en œuvre terminée ; un premier bilan sera publié dans trois mois.",
)
REJECTED = (
    "Merci ! Nous ne la retenons pas cette fois : le coût dépasse le budget du défi. Elle reste dans nos pistes pour l'an prochain.",
    "Une idée proche est déjà en cours dans un autre projet : nous préférons ne pas doubler l'effort.",
)
