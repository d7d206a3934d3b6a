//! The Spanish a shopper uses for what a UK gift shop sells, in the catalog's English.
//!
//! The demo catalog names its products in English ("WHITE METAL LANTERN"), shoppers
//! also write in Spanish ("quita la linterna"): the agent matches cart lines through
//! this glossary, and the search index translates Spanish queries with it.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::{fold, singulars, tokens, within_typos};
use crate::Lang;

/// Spanish word (singular; masculine for adjectives) → the catalog's English word.
/// Grouped by the shop's departments.
const GLOSSARY: &[(&str, &str)] = &[
    // home, garden and gifts, more
    ("perrito", "dog"),
    ("cachorro", "puppy"),
    ("ocupado", "occupied"),
    ("esterilla", "mat"),
    ("arrodillarse", "kneeling"),
    ("olor", "scent"),
    ("aroma", "scent"),
    ("frambuesa", "raspberry"),
    ("batidor", "whisk"),
    ("cubreteteras", "cosy"),
    ("cena", "dinner"),
    ("abecedario", "alphabet"),
    ("lana", "wool"),
    // the catalog's frequent words, in Spanish
    ("romero", "rosemary"),
    ("tapete", "mat"),
    ("topiaria", "topiary"),
    ("acrílico", "acrylic"),
    ("escandinavo", "scandinavian"),
    ("grueso", "chunky"),
    ("bloc", "pad"),
    ("pantalla", "lampshade"),
    ("inseparable", "lovebird"),
    ("votiva", "votive"),
    ("reciclado", "recycled"),
    ("vacaciones", "holiday"),
    ("pulido", "polished"),
    ("lirio", "lily"),
    ("mecha", "wick"),
    ("medianoche", "midnight"),
    ("cortado", "cut"),
    ("rafia", "raffia"),
    ("borla", "tassel"),
    ("chapa", "badges"),
    ("estampado", "stamped"),
    ("lechera", "dairy"),
    ("cabaña", "hut"),
    ("bienvenido", "welcome"),
    ("correo", "post"),
    ("relieve", "embossed"),
    ("extensible", "expandable"),
    ("carnaval", "carnival"),
    ("confeti", "confetti"),
    ("corbata", "tie"),
    ("brazalete", "bangle"),
    ("ramillete", "posy"),
    ("carruaje", "carriage"),
    ("libélula", "dragonfly"),
    ("microondas", "microwave"),
    ("luna", "moon"),
    ("apilable", "stacking"),
    ("auricular", "headphones"),
    ("pistacho", "pistachio"),
    ("botón", "buttons"),
    ("vestido", "dress"),
    ("abstracto", "abstract"),
    ("peonía", "peony"),
    ("lino", "linen"),
    ("amigo", "friends"),
    ("rodaja", "slice"),
    ("arena", "sand"),
    ("ratón", "mouse"),
    ("tiburón", "shark"),
    ("planeta", "planet"),
    ("girasol", "sunflower"),
    ("isla", "island"),
    ("ducha", "shower"),
    ("ejército", "army"),
    ("terciopelo", "velvet"),
    ("mariquita", "ladybird"),
    ("bruja", "witch"),
    ("verdura", "vegetable"),
    ("coco", "coconut"),
    ("bambú", "bamboo"),
    ("espumillón", "tinsel"),
    ("césped", "grass"),
    ("falda", "skirt"),
    ("papá", "dad"),
    ("champán", "champagne"),
    ("hinchable", "inflatable"),
    ("marinero", "sailor"),
    ("poni", "pony"),
    ("hiedra", "ivy"),
    ("escarchado", "frosted"),
    ("babero", "bib"),
    ("hortensia", "hydrangea"),
    ("peso", "weight"),
    ("burbuja", "bubble"),
    ("jazmín", "jasmine"),
    ("aluminio", "aluminium"),
    ("trineo", "sleigh"),
    ("acero", "steel"),
    ("belén", "nativity"),
    ("hueso", "bone"),
    ("selva", "jungle"),
    ("ramo", "bouquet"),
    ("colada", "laundry"),
    ("langosta", "lobster"),
    ("abeja", "bee"),
    ("salvia", "sage"),
    ("perejil", "parsley"),
    ("alfombra", "carpet"),
    ("bronce", "bronze"),
    ("pintado", "painted"),
    ("llave", "key"),
    ("mano", "hand"),
    ("perla", "pearl"),
    ("plegable", "folding"),
    ("forma", "shape"),
    ("casita", "cottage"),
    ("teléfono", "phone"),
    ("decorativo", "decorative"),
    ("papelera", "bin"),
    ("circo", "circus"),
    ("tradicional", "traditional"),
    ("rústico", "rustic"),
    ("craquelado", "cracked"),
    ("joya", "jewel"),
    ("aro", "hoop"),
    ("alto", "tall"),
    ("bordado", "embroidered"),
    ("hormiga", "ant"),
    ("bebé", "baby"),
    ("feliz", "happy"),
    ("multicolor", "multicolour"),
    ("transparente", "clear"),
    ("tesoro", "treasure"),
    ("vainilla", "vanilla"),
    ("racimo", "cluster"),
    ("acebo", "holly"),
    ("compra", "shopping"),
    ("nevera", "fridge"),
    ("frigorífico", "fridge"),
    ("oficina", "office"),
    ("fuego", "fire"),
    ("cobre", "copper"),
    ("tela", "fabric"),
    ("medidor", "measuring"),
    ("rollo", "roll"),
    ("mosca", "fly"),
    ("abrigo", "coat"),
    ("porcelana", "porcelain"),
    ("rey", "king"),
    ("cono", "cone"),
    ("magnético", "magnetic"),
    ("capullo", "rosebud"),
    ("elefante", "elephant"),
    ("rubí", "ruby"),
    ("lona", "canvas"),
    ("noche", "night"),
    ("tejido", "woven"),
    ("carrusel", "carousel"),
    ("bufanda", "scarf"),
    ("mosaico", "mosaic"),
    ("álbum", "album"),
    ("receta", "recipe"),
    ("granja", "farm"),
    ("encantado", "enchanted"),
    ("romántico", "romantic"),
    ("hierro", "iron"),
    ("tostada", "toast"),
    ("plástico", "plastic"),
    ("ganso", "goose"),
    ("ensalada", "salad"),
    ("largo", "long"),
    ("pera", "pear"),
    ("paloma", "dove"),
    ("escuela", "school"),
    ("nido", "nest"),
    ("mamá", "mum"),
    ("océano", "ocean"),
    ("caravana", "caravan"),
    ("gota", "drop"),
    ("cuchillo", "knife"),
    ("nieve", "snow"),
    ("oveja", "sheep"),
    ("vaca", "cow"),
    ("rosado", "pink"),
    ("sujetapuertas", "doorstop"),
    ("topo", "polkadot"),
    ("guardia", "guard"),
    ("reina", "queen"),
    ("autobús", "bus"),
    ("coche", "car"),
    ("baraja", "cards"),
    ("cubrehuevos", "cosy"),
    ("alfabeto", "alphabet"),
    // kitchen and home, more
    ("rodillo", "rolling"),
    ("sartén", "pan"),
    ("cazo", "pan"),
    ("manopla", "glove"),
    ("guante", "glove"),
    ("gigante", "giant jumbo"),
    ("mantequera", "butter"),
    ("mantequilla", "butter"),
    ("báscula", "scales"),
    ("balanza", "scales"),
    ("panera", "bread"),
    ("azucarero", "sugar"),
    ("azúcar", "sugar"),
    ("termómetro", "thermometer"),
    ("costurero", "sewing"),
    ("alfombrilla", "mat"),
    ("regla", "ruler"),
    ("bandera", "flag"),
    ("jirafa", "giraffe"),
    ("pollito", "chick"),
    ("jardinera", "planter"),
    ("guindilla", "chilli"),
    ("chile", "chilli"),
    ("almuerzo", "lunch"),
    ("merienda", "lunch"),
    ("pizarra", "slate"),
    ("cortador", "cutter"),
    ("cortapastas", "cutter"),
    ("expositor", "stand"),
    ("carta", "card"),
    ("naipe", "card"),
    ("cadena", "chain"),
    ("platillo", "saucer"),
    ("escocés", "scottie"),
    ("seta", "mushroom"),
    ("champiñón", "mushroom"),
    ("lonchera", "lunch"),
    ("lunar", "polkadot"),
    ("manzana", "apple"),
    ("fresa", "strawberry"),
    ("cereza", "cherry"),
    ("limón", "lemon"),
    ("albahaca", "basil"),
    ("menta", "mint"),
    ("marcador", "marker"),
    ("huevera", "egg cup"),
    ("alcancía", "money"),
    ("curita", "plaster"),
    ("serpiente", "snake"),
    ("escalera", "ladder"),
    ("peonza", "top"),
    ("trompo", "top"),
    ("tricotín", "knitting"),
    ("plastilina", "plasticine"),
    ("astronauta", "astronaut"),
    ("cumple", "birthday"),
    ("palomitas", "popcorn"),
    ("recipiente", "container"),
    ("rayado", "stripe"),
    ("raya", "stripe"),
    ("cubo", "bucket"),
    ("playa", "seaside"),
    ("cepillo", "brush"),
    ("fregar", "washing"),
    ("abridor", "opener"),
    ("abrebotellas", "opener"),
    ("bombón", "bonbon"),
    ("victoriano", "victorian"),
    ("francés", "french"),
    ("diente", "tooth"),
    ("pasta", "paste"),
    ("fucsia", "fuchsia"),
    ("calculadora", "calculator"),
    ("ceras", "crayons"),
    // lights and candles
    ("linterna", "lantern"),
    ("farol", "lantern"),
    ("farolillo", "lantern"),
    ("vela", "candle"),
    ("velita", "candle"),
    ("portavelas", "holder"),
    ("candelabro", "candlestick"),
    ("candelero", "candlestick"),
    ("lámpara", "lamp"),
    ("luz", "light"),
    ("bombilla", "light"),
    ("incienso", "incense"),
    // home decor
    ("corazón", "heart"),
    ("estrella", "star"),
    ("caja", "box"),
    ("cajita", "box"),
    ("joyero", "trinket"),
    ("cojín", "cushion"),
    ("almohadón", "cushion"),
    ("funda", "cover"),
    ("espejo", "mirror"),
    ("reloj", "clock"),
    ("despertador", "alarm"),
    ("marco", "frame"),
    ("portarretratos", "frame"),
    ("cuadro", "picture art"),
    ("foto", "photo"),
    ("percha", "hanger"),
    ("colgador", "hanger"),
    ("gancho", "hook"),
    ("perchero", "hook"),
    ("cartel", "sign"),
    ("letrero", "sign"),
    ("placa", "sign"),
    ("felpudo", "doormat"),
    ("pomo", "knob"),
    ("tirador", "knob"),
    ("cajón", "drawer"),
    ("armario", "cabinet"),
    ("estante", "shelf"),
    ("estantería", "shelf"),
    ("jarrón", "vase"),
    ("florero", "vase"),
    ("maceta", "pot"),
    ("campana", "bell"),
    ("corona", "wreath"),
    ("guirnalda", "garland"),
    ("banderín", "bunting"),
    ("adorno", "decoration"),
    ("decoración", "decoration"),
    ("colgante", "hanging"),
    ("hogar", "home"),
    ("casa", "house"),
    ("pared", "wall"),
    ("puerta", "door"),
    ("baño", "bathroom"),
    ("jabón", "soap"),
    ("cesta", "basket"),
    ("cesto", "basket"),
    ("mimbre", "wicker"),
    ("bandeja", "tray"),
    ("silla", "chair"),
    ("mesa", "table"),
    // kitchen
    ("taza", "mug"),
    ("tacita", "cup"),
    ("tazón", "bowl"),
    ("cuenco", "bowl"),
    ("bol", "bowl"),
    ("plato", "plate"),
    ("vaso", "glass"),
    ("vidrio", "glass"),
    ("cristal", "glass"),
    ("botella", "bottle"),
    ("jarra", "jug"),
    ("tarro", "jar"),
    ("frasco", "jar"),
    ("bote", "jar"),
    ("tetera", "teapot"),
    ("cuchara", "spoon"),
    ("cubiertos", "cutlery"),
    ("tenedor", "fork"),
    ("servilleta", "napkin"),
    ("mantel", "tablecloth"),
    ("delantal", "apron"),
    ("paño", "towel"),
    ("toalla", "towel"),
    ("posavasos", "coaster"),
    ("hamaca", "hammock"),
    ("colador", "colander"),
    ("repostería", "pastry"),
    ("quesera", "cheese"),
    ("queso", "cheese"),
    ("piso", "tier"),
    ("tijera", "scissors"),
    ("podar", "secateurs"),
    ("cinc", "zinc"),
    ("horquilla", "fork"),
    ("paleta", "trowel"),
    ("pala", "trowel"),
    ("papelería", "stationery"),
    ("cachemir", "paisley"),
    ("vichy", "gingham"),
    ("guijarro", "pebble"),
    ("piedra", "pebble"),
    ("pilar", "pillar"),
    ("parchís", "ludo"),
    ("jabonera", "soap"),
    ("inflador", "pump"),
    ("bosque", "woodland"),
    ("helicóptero", "helicopter"),
    ("lata", "tin"),
    ("molde", "tin"),
    ("fiambrera", "lunch"),
    ("tartera", "lunch"),
    ("cocina", "kitchen"),
    ("despensa", "pantry"),
    ("té", "tea"),
    ("café", "coffee"),
    ("pastel", "cake"),
    ("tarta", "cake"),
    ("magdalena", "cake"),
    ("galleta", "biscuit"),
    ("mermelada", "jam marmalade"),
    ("huevo", "egg"),
    ("cápsula", "case"),
    ("soporte", "stand"),
    ("termo", "flask"),
    ("agua", "water"),
    ("caliente", "hot"),
    ("pinza", "peg"),
    // christmas and parties
    ("navidad", "christmas"),
    ("navideño", "christmas"),
    ("cascabel", "jingle bell"),
    ("pueblo", "village"),
    ("serigrafiado", "screen print"),
    ("serigrafía", "screen print"),
    ("verano", "summer"),
    ("primavera", "spring"),
    ("invierno", "winter"),
    ("bota", "boot stocking"),
    ("reno", "reindeer"),
    ("vaquero", "cowboy"),
    ("árbol", "tree"),
    ("bola", "bauble"),
    ("fiesta", "party"),
    ("cumpleaños", "birthday"),
    ("globo", "balloon"),
    ("pascua", "easter"),
    ("boda", "wedding"),
    ("regalo", "gift"),
    ("envoltorio", "wrap"),
    ("lazo", "ribbon"),
    ("cinta", "ribbon"),
    ("etiqueta", "tag"),
    ("pancarta", "banner"),
    // stationery
    ("cuaderno", "notebook"),
    ("libreta", "notebook"),
    ("lápiz", "pencil"),
    ("bolígrafo", "pen"),
    ("boli", "pen"),
    ("tarjeta", "card"),
    ("postal", "postcard"),
    ("pegatina", "sticker"),
    ("papel", "paper"),
    ("sello", "stamp"),
    ("imán", "magnet"),
    ("libro", "book"),
    ("calendario", "calendar"),
    ("estuche", "case"),
    ("sobre", "envelope"),
    // bags and accessories
    ("bolsa", "bag"),
    ("bolso", "handbag"),
    ("mochila", "backpack"),
    ("monedero", "purse"),
    ("cartera", "wallet"),
    ("neceser", "washbag"),
    ("paraguas", "umbrella"),
    ("sombrilla", "parasol"),
    ("llavero", "keyring"),
    ("collar", "necklace"),
    ("pendiente", "earrings"),
    ("pulsera", "bracelet"),
    ("anillo", "ring"),
    ("broche", "brooch"),
    ("calentador", "warmer"),
    ("calientamanos", "warmer"),
    ("tirita", "plaster"),
    ("pañuelo", "tissue"),
    ("hucha", "money"),
    // toys and children
    ("juguete", "toy"),
    ("muñeca", "doll"),
    ("peluche", "soft"),
    ("oso", "teddy"),
    ("pelota", "ball"),
    ("juego", "set"),
    ("rompecabezas", "jigsaw"),
    ("puzle", "jigsaw"),
    ("dominó", "dominoes"),
    ("comba", "skipping"),
    ("cuerda", "rope"),
    ("canica", "marbles"),
    ("soldado", "soldier"),
    ("bolos", "skittles"),
    ("armónica", "harmonica"),
    ("dinosaurio", "dinosaur"),
    ("cohete", "rocket"),
    ("niño", "childrens"),
    ("infantil", "childrens"),
    ("conejo", "rabbit"),
    ("gato", "cat"),
    ("perro", "dog"),
    ("pájaro", "bird"),
    ("búho", "owl"),
    ("lechuza", "owl"),
    ("gallina", "hen"),
    ("mariposa", "butterfly"),
    ("hada", "fairy"),
    ("princesa", "princess"),
    ("calavera", "skull"),
    // garden
    ("jardín", "garden"),
    ("regadera", "watering"),
    ("flor", "flower"),
    ("planta", "plant"),
    ("hoja", "leaf"),
    // materials, colours, sizes: how shoppers tell two products apart
    ("madera", "wooden"),
    ("rejilla", "lattice"),
    ("celosía", "lattice"),
    ("cerámica", "ceramic"),
    ("fieltro", "felt"),
    ("esmalte", "enamel"),
    ("encaje", "lace"),
    ("algodón", "cotton"),
    ("lavanda", "lavender"),
    ("rojo", "red"),
    ("blanco", "white"),
    ("azul", "blue"),
    ("verde", "green"),
    ("negro", "black"),
    ("rosa", "pink"),
    ("amarillo", "yellow"),
    ("morado", "purple"),
    ("lila", "lilac"),
    ("naranja", "orange"),
    ("gris", "grey"),
    ("marrón", "brown"),
    ("dorado", "gold"),
    ("oro", "gold"),
    ("plateado", "silver"),
    ("plata", "silver"),
    ("crema", "cream"),
    ("marfil", "ivory"),
    ("pequeño", "small"),
    ("grande", "large"),
    ("mediano", "medium"),
    ("antiguo", "antique"),
    ("redondo", "round"),
    ("cuadrado", "square"),
    ("perfumado", "scented"),
    ("aromático", "scented"),
    ("casero", "homemade"),
    // more of the home, the party and the traveller (round 9)
    ("leche", "milk"),
    ("hierba", "herb"),
    ("altavoz", "speaker"),
    ("niña", "girls"),
    ("carretilla", "wheelbarrow"),
    ("comida", "food"),
    ("alimento", "food"),
    ("calcetín", "sock"),
    ("cachemira", "kashmir"),
    ("servilletero", "napkin"),
    ("cubre", "cover"),
    ("tapa", "cover"),
    ("gorro", "hat"),
    ("sombrero", "hat"),
    ("lluvia", "rain"),
    ("métrico", "measure"),
    ("agenda", "book"),
    ("esponja", "sponge"),
    ("títere", "puppet"),
    ("marioneta", "puppet"),
    ("palillo", "chopsticks"),
    ("frutero", "fruit"),
    ("fruta", "fruit"),
    ("ovalado", "oval"),
    ("organizador", "organiser"),
    ("sentado", "sitting"),
    ("higiénico", "toilet"),
    ("discoteca", "disco"),
    ("cubertería", "cutlery"),
    ("cuenta", "bead"),
    ("paquete", "pack"),
    ("parche", "patch"),
    ("letra", "letter"),
    ("borrador", "eraser"),
    ("invitación", "invites"),
    ("pasaporte", "passport"),
    ("equipaje", "luggage"),
    ("maleta", "luggage"),
    ("hombro", "shoulder"),
    ("bandolera", "shoulder"),
    ("británico", "british"),
    ("dirección", "address"),
    ("pompa", "bubbles"),
    ("cucharón", "ladle"),
    ("muñeco", "toy"),
    ("herramienta", "tool"),
    ("fantasma", "ghost"),
    ("botiquín", "aid"),
    ("azulejo", "tile"),
    ("toallita", "flannel"),
    ("gatito", "kittens"),
    ("marcasitios", "place"),
    ("pisapapeles", "paperweight"),
    ("dibujo", "sketchbook"),
    ("querubín", "cherub"),
    ("señora", "mrs"),
    ("señor", "mr"),
    ("refectorio", "refectory"),
    ("reciclaje", "recycling"),
    ("contenedor", "container"),
    ("amapola", "poppies"),
    ("impermeable", "mac"),
    ("brillo", "gloss"),
    ("labio", "lip"),
    ("dona", "doughnut"),
    ("rosquilla", "doughnut"),
    ("helado", "ice"),
    ("portarretrato", "frame"),
    ("portada", "cover"),
    ("disco", "disco"),
    ("tarjetero", "holder"),
    ("golondrina", "swallow"),
    ("infancia", "childhood"),
    ("suerte", "lucky"),
    ("panal", "honeycomb"),
    ("abanico", "fan"),
    ("desayuno", "breakfast"),
    ("inglés", "english"),
    ("londres", "london"),
    ("familiar", "family"),
    ("nube", "marshmallows"),
    ("malvavisco", "marshmallows"),
    ("chocolatina", "chocolates"),
    ("tiza", "chalk"),
    ("bramante", "twine"),
    ("nivel", "level"),
    ("aguja", "needle"),
    ("semilla", "seed"),
    ("adviento", "advent"),
    ("sacapuntas", "sharpener"),
    ("peineta", "comb"),
    ("chaquira", "bead"),
    ("puf", "pouffe"),
    ("burro", "donkey"),
    ("cola", "tail"),
    ("quemador", "burner"),
    ("aceite", "oil"),
    ("concha", "shell"),
    ("cerdo", "pig"),
    ("planeador", "gliders"),
    ("avioneta", "gliders"),
    ("hornear", "baking"),
    ("espacio", "space"),
    ("diario", "journal"),
    ("molinillo", "windmill"),
    ("chico", "small"),
    ("liso", "plain"),
    ("amor", "love"),
    ("círculo", "circles"),
    ("trapo", "rag towel"),
    ("olla", "pot"),
    ("esmaltado", "enamel"),
    ("diadema", "hairband"),
    ("pintalabios", "lipstick"),
    ("cuento", "tale"),
    ("blonda", "doiley"),
    ("cabina", "cabin"),
    ("margarita", "daisy"),
    ("cofre", "chest"),
    ("hongo", "mushroom"),
    ("goma", "eraser"),
    ("recuerdo", "keepsake"),
    ("horno", "oven"),
    ("pluma", "feather"),
    ("revistero", "magazine"),
    ("alambre", "wire"),
    ("fútbol", "football"),
    ("melocotón", "peach"),
    ("durazno", "peach"),
    ("copa", "glass"),
    ("tabla", "board"),
    ("picar", "chopping"),
    ("cortar", "chopping"),
    ("jaula", "cage"),
    ("bolsillo", "pocket"),
    ("viaje", "travel"),
    ("crisantemo", "chrysanthemum"),
    ("barroco", "baroque"),
    ("pelo", "hair"),
    ("delfín", "dolphins"),
    ("diseño", "design"),
    ("vino", "wine"),
    ("tablero", "board"),
    ("tablón", "board"),
    ("nota", "memo"),
    ("cobertizo", "shed"),
    ("postre", "puddings"),
    ("pudín", "puddings"),
    ("móvil", "mobile"),
    ("ángel", "angel"),
    ("alfiletero", "pin"),
    ("acerico", "pin"),
    ("chubasquero", "poncho"),
    ("pupitre", "desk"),
    ("reposapiés", "foot"),
    ("portaincienso", "incense"),
    ("horca", "fork"),
    ("arcoíris", "rainbow"),
    ("aguamarina", "aqua"),
    ("turquesa", "turquoise"),
    ("gallo", "cockerel"),
    ("purpurina", "glitter"),
    ("escarcha", "frost"),
    ("arete", "earring"),
    ("golosina", "sweet"),
    ("chuche", "sweet"),
    ("banco", "bench"),
    ("friso", "frieze"),
    ("resma", "ream"),
    ("macetero", "planter"),
    ("portatarjetas", "holder"),
    ("pato", "duck"),
    ("mono", "monkey"),
    ("acolchado", "padded"),
    ("individual", "placemat"),
    ("seda", "silk"),
    ("palomar", "dovecote"),
    ("exprimidor", "squeezer"),
    ("marroquí", "moroccan"),
    ("rana", "frog"),
    ("espacial", "space"),
    ("monstruo", "monster"),
    ("gafas", "glasses"),
    ("caballo", "horse"),
    ("cortina", "curtain"),
    ("hilo", "string"),
    ("carámbano", "icicle"),
    ("psicodélico", "psychedelic"),
    ("bifurcado", "forked"),
    ("imagen", "images"),
    ("curioso", "curious"),
    ("llama", "flame"),
    ("espiral", "spiral"),
    ("ganchillo", "crochet"),
    ("zapato", "shoe"),
    ("enjoyado", "jewelled"),
    ("buda", "buddha"),
    ("cabeza", "head"),
    ("dedalera", "foxglove"),
    ("almacenaje", "storage"),
    ("copo", "flake"),
    ("camuflaje", "camouflage"),
    ("pantufla", "slipper"),
    ("cenicero", "ashtray"),
    ("fuente", "platter"),
    ("lámina", "print"),
    ("odio", "hate"),
    ("rastrillo", "rake"),
    ("caniche", "poodle"),
    ("cenicienta", "cinderella"),
    ("paragüero", "umbrella"),
    ("periódico", "newspaper"),
    ("portacelo", "dispenser"),
    ("dispensador", "dispenser"),
    ("lista", "list"),
    ("pajita", "straw"),
    ("suelo", "floor"),
    ("grabado", "engraved"),
    ("aparador", "sideboard"),
    ("deseo", "wish"),
    ("cerilla", "matches"),
    ("fósforo", "matches"),
];

/// Other things a Spanish word names in the catalog's English, for telling cart lines
/// apart (the search index takes the first meaning only): a "taza" is a mug or a
/// cup, a "caja de té" a tea caddy, a "pizarra" a slate or a chalkboard.
const MORE_MEANINGS: &[(&str, &str)] = &[
    ("lana", "woolly woollen"),
    ("alfombra", "mat rug"),
    ("tapete", "doormat"),
    ("madera", "wood"),
    ("espejo", "mirrored"),
    ("joyero", "jewellery"),
    ("grande", "big jumbo"),
    ("craquelado", "crackle"),
    ("magdalena", "cupcake"),
    ("bosque", "forest"),
    ("cristal", "crystal"),
    ("lámina", "sheet"),
    ("baño", "bath"),
    ("lazo", "bow"),
    ("copo", "snowflake"),
    ("topo", "spot dot spotty"),
    ("cachemira", "paisley"),
    ("perrito", "puppy"),
    ("taza", "cup teacup"),
    ("tacita", "teacup"),
    ("plato", "saucer"),
    ("bolso", "bag"),
    ("caja", "caddy case"),
    ("lata", "caddy"),
    ("pizarra", "chalkboard blackboard"),
    ("galleta", "cookie"),
    ("expositor", "display"),
    ("soporte", "holder"),
    ("rosa", "rose roses"),
    ("tazón", "mug"),
    ("encaje", "doily doiley"),
    ("letra", "alphabet"),
    ("flor", "floral"),
    ("lámpara", "light chandelier"),
    ("seta", "toadstool"),
    ("hucha", "bank box"),
    ("alcancía", "bank box"),
    ("peonza", "spinning"),
    ("trompo", "spinning"),
    ("tricotín", "nancy"),
    ("vaso", "beaker cup tumbler"),
    ("lunar", "spot dot spotty"),
    ("candelero", "candleholder holder"),
    ("portavelas", "candleholder tlight t-light"),
    ("linterna", "torch"),
    ("playa", "beach"),
    ("cubo", "pail cube cubes"),
    ("fregar", "scrubbing"),
    ("tijera", "secateurs"),
    ("cuadro", "gingham check print"),
    ("jabonera", "dish"),
    ("quesera", "dish"),
    ("perchero", "rack"),
    ("recipiente", "holder pot"),
    ("marco", "photoframe"),
    ("luz", "lights"),
    ("pañuelo", "handkerchief scarf"),
    ("escocés", "scottish tartan"),
    ("tarro", "pot"),
    ("funda", "case"),
    ("estuche", "box"),
    ("niño", "boys boy child"),
    ("niña", "girl"),
    ("bote", "container tin pot"),
    ("tapa", "lid"),
    ("cinta", "tape"),
    ("agenda", "diary notebook"),
    ("frutero", "bowl"),
    ("conejo", "bunny"),
    ("bola", "ball"),
    ("papel", "wrap"),
    ("invitación", "invitation"),
    ("maleta", "suitcase case bag"),
    ("británico", "union jack"),
    ("sombrero", "hats"),
    ("peluche", "toy"),
    ("muñeco", "doll soft"),
    ("botiquín", "first"),
    ("toallita", "towel"),
    ("marcasitios", "settings setting"),
    ("dibujo", "drawing"),
    ("amapola", "poppy"),
    ("impermeable", "raincoat rain"),
    ("helado", "cream"),
    ("portarretrato", "photo"),
    ("disco", "record disc"),
    ("tarjetero", "card"),
    ("gallina", "chicken"),
    ("broche", "clips clip"),
    ("pala", "spade"),
    ("candelabro", "chandelier"),
    ("gatito", "cat"),
    ("velita", "lights light t-light"),
    ("diario", "diary notebook"),
    ("cerdo", "piggy"),
    ("chico", "boy boys"),
    ("manopla", "mitt"),
    ("hongo", "toadstool toadstools"),
    ("cuento", "fairy"),
    ("blonda", "doily doilies lace"),
    ("pluma", "pen"),
    ("fucsia", "pink hot fuschia"),
    ("revistero", "rack"),
    ("mantel", "placemat"),
    ("copa", "chalice"),
    ("pinza", "hairclips clips"),
    ("horquilla", "hairclips clips grip hairslide"),
    ("cocina", "cooking"),
    ("adorno", "charms charm"),
    ("corona", "crowns crown"),
    ("alfiletero", "cushion"),
    ("acerico", "cushion"),
    ("chubasquero", "mac raincoat rain"),
    ("reposapiés", "stool"),
    ("portaincienso", "holder"),
    ("calcetín", "stocking"),
    ("nota", "notes"),
    ("colgante", "charm pendant"),
    ("neceser", "cosmetic toiletry"),
    ("llavero", "fob"),
    ("fuente", "dish"),
    ("gallo", "rooster"),
    ("escarcha", "glitter"),
    ("golosina", "sweetie sweeties candy"),
    ("chuche", "sweetie sweeties candy"),
    ("banco", "seat"),
    ("maceta", "planter"),
    ("macetero", "pot"),
    ("portatarjetas", "card"),
    ("gancho", "hanger"),
    ("cartera", "handbag purse"),
    ("paleta", "lolly"),
    ("molde", "maker mould"),
    ("individual", "place setting"),
    ("seda", "tissue"),
    ("exprimidor", "juicer"),
    ("guirnalda", "string bunting"),
    ("piedra", "stone stones"),
    ("gafas", "sunglasses spectacles"),
    ("hilo", "thread"),
    ("goma", "rubber rubbers"),
    ("llama", "flames llama"),
    ("portacelo", "tape"),
    ("banderín", "pennant flag"),
];

/// English words shoppers use for the catalog's: "big" for LARGE, "lil" for SMALL.
/// General English, like the Spanish above; a shop's own nicknames belong in its
/// settings (ShopWords).
const ENGLISH_SYNONYMS: &[(&str, &str)] = &[
    ("big", "large jumbo"),
    ("huge", "large jumbo giant"),
    ("little", "small mini"),
    ("lil", "small mini"),
    ("tiny", "mini small"),
    ("piggy", "pig"),
    ("xmas", "christmas"),
    ("mum", "mother"),
    ("raincoat", "mac"),
    ("frisbee", "flying disc"),
    ("diary", "journal notebook"),
    ("kitty", "cat"),
    ("doggy", "dog"),
    ("bunny", "rabbit"),
    ("donut", "doughnut"),
    ("spotty", "spot polkadot"),
    ("spotted", "spot polkadot"),
    ("cactus", "cacti"),
    // American spellings and words for the catalog's British ones
    ("gray", "grey"),
    ("colorful", "colourful"),
    ("jewelry", "jewellery"),
    ("aluminum", "aluminium"),
    ("mom", "mum mother"),
    ("cookie", "biscuit"),
    ("trash", "bin"),
    ("flashlight", "torch"),
    ("kids", "childrens children"),
    ("kid", "childrens child"),
    ("pillow", "cushion"),
    ("dotty", "spot polkadot"),
    ("dotted", "spot polkadot"),
];

/// Spanish names of several words whose words alone would name something else:
/// a "bolsa de agua caliente" is a hot water bottle, not a bag. Folded, singular.
const PHRASES: &[(&[&str], &str)] = &[
    (&["bolsa", "de", "agua", "caliente"], "hot water bottle"),
    (&["bolsita", "de", "agua", "caliente"], "hot water bottle"),
    (&["tope", "de", "puerta"], "doorstop"),
    (&["tope", "para", "puerta"], "doorstop"),
    (&["tarjeta", "de", "felicitacion"], "greeting card"),
    (&["copo", "de", "nieve"], "snowflake"),
    (&["de", "punto"], "knitted"),
    (&["pano", "de", "cocina"], "tea towel"),
    (&["rosa", "palo"], "dusty pink"),
    (&["verde", "menta"], "mint"),
    (&["azul", "cielo"], "sky blue"),
    (&["azul", "marino"], "navy"),
    (&["verde", "oliva"], "olive"),
    (&["reino", "unido"], "union jack"),
    (&["perro", "escoces"], "scottie"),
    (&["perrito", "escoces"], "scottie"),
    (&["trapo", "de", "cocina"], "tea towel"),
    (&["papa", "noel"], "santa"),
    (&["cara", "o", "cruz"], "heads tails"),
    (&["muneco", "de", "nieve"], "snowman"),
    (&["capacillo", "de", "magdalena"], "cake case"),
    (&["capacillo"], "cake case"),
];

/// The phrase of [`PHRASES`] that starts at `words[i]` (folded words, any number):
/// its length and its English.
pub(crate) fn phrase_at(words: &[String], i: usize) -> Option<(usize, &'static str)> {
    PHRASES.iter().find_map(|(spanish, english)| {
        let said = words.get(i..i + spanish.len())?;
        said.iter()
            .zip(spanish.iter())
            .all(|(w, s)| w == s || singulars(w).iter().any(|f| f == s))
            .then_some((spanish.len(), *english))
    })
}

/// Folded words with each phrase of [`PHRASES`] in the catalog's English words.
pub(crate) fn with_phrases(words: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        match phrase_at(&words, i) {
            Some((len, english)) => {
                out.extend(english.split(' ').map(str::to_string));
                i += len;
            }
            None => {
                out.push(words[i].clone());
                i += 1;
            }
        }
    }
    out
}

fn table() -> &'static HashMap<String, &'static str> {
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| GLOSSARY.iter().map(|(es, en)| (fold(es), *en)).collect())
}

/// The forms a Spanish word may be listed under: itself, its singulars, and each
/// with a feminine `-a` read as the listed masculine `-o` (`rojas` → `rojo`).
fn listed_forms(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    for s in singulars(folded) {
        let masculine = s.strip_suffix('a').map(|stem| format!("{stem}o"));
        // a diminutive: "pajarito" → "pajaro", "bolsita" → "bolsa", "tacita" → "taza"
        let small = ["ito", "ita"].iter().find_map(|end| {
            // ("osito" → "oso": a stem of two letters too)
            let stem = s.strip_suffix(end).filter(|st| st.chars().count() >= 2)?;
            // "tacita" → "taza", "marquito" → "marco"
            let stem = match (stem.strip_suffix('c'), stem.strip_suffix("qu")) {
                (Some(st), _) => format!("{st}z"),
                (_, Some(st)) => format!("{st}c"),
                _ => stem.to_string(),
            };
            // "pastelito" → "pastel", "relojito" → "reloj"
            let bare = (!stem.ends_with(['a', 'e', 'i', 'o', 'u'])).then(|| stem.clone());
            Some(
                [format!("{stem}o"), format!("{stem}a")]
                    .into_iter()
                    .chain(bare),
            )
        });
        // "botecito" → "bote", "florecita" → "flor"
        let small_c = ["cito", "cita"].iter().find_map(|end| {
            let stem = s.strip_suffix(end).filter(|st| st.chars().count() >= 3)?;
            Some([stem.to_string(), stem.trim_end_matches('e').to_string()])
        });
        out.push(s);
        out.extend(masculine);
        out.extend(small.into_iter().flatten());
        out.extend(small_c.into_iter().flatten());
    }
    out
}

/// The catalog's English for a Spanish word, any case, accents, number or gender:
/// `Velas` → `candle`, `corazones` → `heart`, `roja` → `red`. `None` when the word
/// is not in the glossary (English words are not, unless Spanish shares them).
pub fn english_for(spanish_word: &str) -> Option<&'static str> {
    let folded = fold(spanish_word);
    listed_forms(&folded)
        .iter()
        .find_map(|f| table().get(f).copied())
}

/// Spanish words a query can drop: the catalog has no "de" or "para".
const SPANISH_FUNCTION_WORDS: &[&str] = &[
    "de", "del", "la", "las", "el", "los", "un", "una", "unos", "unas", "y", "con", "para", "en",
    "al", "a", "por",
];

/// A query in the catalog's words, for the search index: in Spanish, glossary words
/// become English and function words go ("bolsa de Navidad" → "bag christmas"); in
/// English only unmistakably Spanish words are translated ("vintage taza" →
/// "vintage mug"). Everything else stays as typed; a query with nothing to change
/// comes back as it was ("T-Light holder").
pub fn catalog_words(query: &str, lang: Lang) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut changed = false;
    let tokens = tokens(query);
    let folded: Vec<String> = tokens.iter().map(|t| t.folded.clone()).collect();
    let mut skip = 0;
    for (i, t) in tokens.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if let Some((len, english)) = phrase_at(&folded, i).filter(|_| lang == Lang::Es) {
            out.push(english);
            changed = true;
            skip = len - 1;
            continue;
        }
        let w = t.folded.as_str();
        if lang == Lang::Es && SPANISH_FUNCTION_WORDS.contains(&w) {
            changed = true;
            continue;
        }
        let spanish = match lang {
            Lang::Es => !is_catalog_word(w),
            Lang::En => is_spanish_noun(w),
        };
        match english_for(w).filter(|_| spanish) {
            Some(en) => {
                out.push(en);
                changed = true;
            }
            None => out.push(&query[t.start..t.end]),
        }
    }
    if changed {
        out.join(" ")
    } else {
        query.trim().to_string()
    }
}

/// Every English word a Spanish word may name in the catalog: its glossary word and
/// its other meanings ([`MORE_MEANINGS`]), a slip allowed as in [`english_for_typo`].
pub(crate) fn meanings(folded: &str) -> Vec<&'static str> {
    static MORE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let more = MORE.get_or_init(|| {
        MORE_MEANINGS
            .iter()
            .map(|(es, en)| (fold(es), *en))
            .collect()
    });
    let Some((entry, main)) = entry_for_typo(folded) else {
        // an English word: its synonyms in the catalog's words
        return singulars(folded)
            .iter()
            .find_map(|s| ENGLISH_SYNONYMS.iter().find(|(w, _)| w == s))
            .map_or(Vec::new(), |(_, more)| more.split(' ').collect());
    };
    main.split(' ')
        .chain(more.get(entry).into_iter().flat_map(|m| m.split(' ')))
        .collect()
}

/// The glossary entry (its folded Spanish word and its English) a word is, or is one
/// slip from when no other entry is as close.
fn entry_for_typo(folded: &str) -> Option<(&'static str, &'static str)> {
    let forms = listed_forms(folded);
    if let Some(found) = forms.iter().find_map(|f| table().get_key_value(f.as_str())) {
        return Some((found.0.as_str(), found.1));
    }
    let mut close = table().iter().filter(|(es, _)| {
        forms
            .iter()
            .any(|f| within_typos(f, es, f.len().min(es.len())))
    });
    match (close.next(), close.next()) {
        (Some((es, en)), None) => Some((es.as_str(), en)),
        _ => None,
    }
}

/// Like [`english_for`], but a word with a slip ("tazza", "vleas") finds the one
/// entry it is that close to; two entries as close → `None`.
#[cfg(test)]
fn english_for_typo(folded: &str) -> Option<&'static str> {
    entry_for_typo(folded).map(|(_, en)| en)
}

/// Whether a folded word is one of the glossary's Spanish words and not also an
/// English word ("metal", "collar", "mini"): a sign the shopper writes in Spanish.
pub(crate) fn is_spanish_noun(folded: &str) -> bool {
    const ALSO_ENGLISH: &[&str] = &[
        "collar",
        "cafe",
        "mesa",
        "postal",
        "pastel",
        "cartel",
        "individual",
        "mono",
    ];
    if ALSO_ENGLISH.contains(&folded) || is_catalog_word(folded) {
        return false;
    }
    english_for(folded).is_some()
}

/// Whether a folded word is one of the catalog's English words the glossary maps to.
pub(crate) fn is_catalog_word(folded: &str) -> bool {
    static ENGLISH: OnceLock<Vec<&'static str>> = OnceLock::new();
    let english = ENGLISH.get_or_init(|| {
        let mut v: Vec<&str> = GLOSSARY.iter().map(|(_, en)| *en).collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    singulars(folded)
        .iter()
        .any(|s| english.binary_search(&s.as_str()).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_the_brief_names() {
        let expected = [
            ("linterna", "lantern"),
            ("velas", "candle"),
            ("taza", "mug"),
            ("bolsa", "bag"),
            ("corazón", "heart"),
            ("navidad", "christmas"),
            ("caja", "box"),
            ("cojín", "cushion"),
            ("cuaderno", "notebook"),
            ("reloj", "clock"),
            ("marco", "frame"),
            ("plato", "plate"),
            ("vaso", "glass"),
            ("botella", "bottle"),
            ("decoración", "decoration"),
            ("juguete", "toy"),
            ("lata", "tin"),
            ("llavero", "keyring"),
            ("espejo", "mirror"),
            ("percha", "hanger"),
        ];
        for (es, en) in expected {
            assert_eq!(english_for(es), Some(en), "{es}");
        }
        assert!(GLOSSARY.len() >= 60);
    }

    #[test]
    fn case_accents_number_and_gender() {
        assert_eq!(english_for("CORAZONES"), Some("heart"));
        assert_eq!(english_for("corazon"), Some("heart"));
        assert_eq!(english_for("Relojes"), Some("clock"));
        assert_eq!(english_for("luces"), Some("light"));
        assert_eq!(english_for("rojas"), Some("red"));
        assert_eq!(english_for("blanca"), Some("white"));
        assert_eq!(english_for("navideña"), Some("christmas"));
        assert_eq!(english_for("lantern"), None);
    }

    #[test]
    fn diminutives_of_a_word_ending_in_a_consonant() {
        assert_eq!(english_for("pastelitos"), Some("cake"));
        assert_eq!(english_for("conejitos"), Some("rabbit"));
        assert_eq!(english_for("ositos"), Some("teddy"));
        assert_eq!(english_for("marquito"), Some("frame"));
        assert!(meanings("colgante").contains(&"charm"));
    }

    #[test]
    fn a_slip_finds_the_one_close_entry() {
        assert_eq!(english_for_typo("tazza"), Some("mug"));
        assert_eq!(english_for_typo("vleas"), Some("candle"));
        assert_eq!(english_for_typo("linetrna"), Some("lantern"));
        assert_eq!(english_for_typo("xyz"), None);
    }

    #[test]
    fn queries_in_the_catalog_words() {
        assert_eq!(catalog_words("bolsa de Navidad", Lang::Es), "bag christmas");
        assert_eq!(
            catalog_words("velas rojas con corazón", Lang::Es),
            "candle red heart"
        );
        assert_eq!(
            catalog_words("bolsas de agua caliente rosas", Lang::Es),
            "hot water bottle pink"
        );
        assert_eq!(catalog_words("luces de Papá Noel", Lang::Es), "light santa");
        assert_eq!(catalog_words("muñecos de nieve", Lang::Es), "snowman");
        assert_eq!(catalog_words("los capacillos", Lang::Es), "cake case");
        assert_eq!(catalog_words("bolsa de Navidad", Lang::Es), "bag christmas");
        assert_eq!(catalog_words("vintage taza", Lang::En), "vintage mug");
        assert_eq!(catalog_words(" T-Light holder", Lang::En), "T-Light holder");
        assert_eq!(
            catalog_words("metal lantern", Lang::Es),
            "metal lantern",
            "English in a Spanish turn"
        );
        assert_eq!(catalog_words("", Lang::Es), "");
    }

    #[test]
    fn no_entry_is_listed_twice() {
        // a second listing would silently replace the first in the look-up tables
        for table in [GLOSSARY, MORE_MEANINGS, ENGLISH_SYNONYMS] {
            let mut keys: Vec<String> = table.iter().map(|(es, _)| fold(es)).collect();
            keys.sort();
            let n = keys.len();
            keys.dedup();
            assert_eq!(keys.len(), n);
        }
    }

    #[test]
    fn spanish_nouns_tell_the_language() {
        assert!(is_spanish_noun("velas"));
        assert!(is_spanish_noun("taza"));
        assert!(!is_spanish_noun("metal"), "shared with English");
        assert!(!is_spanish_noun("lantern"));
    }
}
