// Turkish text the demo specialists "type": names, shop domains and comment wording as docs/grammar.md
// lists it. Everything here is data; the generator picks from it with its seeded PRNG.
// Bodies never contain dates (they would become the for-date, docs/grammar.md) nor quota-action words
// (bilgilendirildi, optimize edildi, ek kota önerildi …) except where a case asks for them (R38).
import { present } from '../../../shared/guards.js';

export const FIRST_NAMES = [
  'Elif',
  'Burak',
  'Zeynep',
  'Emre',
  'Ayşe',
  'Mehmet',
  'Selin',
  'Can',
  'Derya',
  'Oğuz',
  'Gülşen',
  'İbrahim',
  'Ebru',
  'Serkan',
  'Büşra',
  'Çağrı',
  'Nazlı',
  'Tolga',
  'Şule',
  'Onur',
];
export const SURNAMES = [
  'Yılmaz',
  'Demir',
  'Kaya',
  'Şahin',
  'Çelik',
  'Öztürk',
  'Arslan',
  'Aydın',
  'Doğan',
  'Kılıç',
  'Aslan',
  'Çetin',
  'Kurt',
  'Özdemir',
  'Koç',
  'Erdoğan',
  'Yıldız',
  'Güneş',
  'Aksoy',
  'Polat',
];

export const TEAM_LEAD = { fullName: 'Deniz Koç', email: 'deniz.koc@demo.nabiz.local' };
export const MANAGER = { fullName: 'Murat Aksoy', email: 'murat.aksoy@demo.nabiz.local' };

/** Realistic small Turkish e-commerce shops (card name = domain). */
export const SHOP_DOMAINS = [
  'ahsapdekor.com.tr',
  'minikadimlar.com',
  'anadoluhali.com.tr',
  'lezzetduragi.com',
  'bakirustasi.com.tr',
  'tekstilkosesi.com',
  'organikciftlik.com.tr',
  'ilmekilmek.com',
  'zeytindalimarket.com',
  'kahvedunyasi-shop.com',
  'cinicarsi.com.tr',
  'deriatolyesi.com',
  'bebekpazari.com.tr',
  'spormarketim.com',
  'kitapsepetim.com.tr',
  'evimgulsun.com',
  'petidunyasi.com.tr',
  'ciceksepeti-izmir.com',
  'gozlukcum.com.tr',
  'bahceaktar.com',
  'yoresel-lezzetler.com.tr',
  'hediyelikdukkan.com',
  'mutfaksirlari.com.tr',
  'taki-tasarim.com',
  'kirtasiyeci.com.tr',
  'oyuncakkutusu.com',
  'ipekesarp.com.tr',
  'dogalsabunevi.com',
  'kapadokyacanak.com',
  'karadenizcayi.com.tr',
  'elvanbutik.com',
  'sefamobilya.com.tr',
  'nalburum.com',
  'balikcidunyasi.com.tr',
  'antepfistigim.com',
  'vintagegiyim.com.tr',
  'kozmetikrafi.com',
  'otoaksesuarim.com.tr',
  'bisikletci.com',
  'lokumcubaba.com.tr',
  'aydinlatmaevi.com',
  'kampmalzemem.com.tr',
];
const DOMAIN_A = [
  'ahsap',
  'bakir',
  'deri',
  'organik',
  'yoresel',
  'dogal',
  'cini',
  'ipek',
  'kahve',
  'bahce',
  'mutfak',
  'cocuk',
  'moda',
  'spor',
  'kitap',
  'evim',
  'pati',
  'taki',
  'cay',
  'zeytin',
];
const DOMAIN_B = ['dukkan', 'market', 'atolye', 'evi', 'sepeti', 'pazari', 'dunyasi', 'butik', 'magaza', 'kosesi'];
const TLDS = ['.com.tr', '.com', '.net.tr'];

/** The i-th unique domain: the curated list first, then generated combinations (benchmark scale). */
export function domainAt(i: number): string {
  const shop = SHOP_DOMAINS[i];
  if (shop !== undefined) return shop;
  const j = i - SHOP_DOMAINS.length;
  const a = present(DOMAIN_A[j % DOMAIN_A.length], 'a domain word');
  const b = present(DOMAIN_B[Math.floor(j / DOMAIN_A.length) % DOMAIN_B.length], 'a domain word');
  const t = present(TLDS[Math.floor(j / (DOMAIN_A.length * DOMAIN_B.length)) % TLDS.length], 'a TLD');
  const n = Math.floor(j / (DOMAIN_A.length * DOMAIN_B.length * TLDS.length));
  return `${a}${b}${n ? n + 1 : ''}${t}`;
}

/** Weighted tag spellings as people type them (docs/grammar.md: case, Turkish letters, markdown, `# ` with a space). */
export const DAILY_TAGS: Array<[string, number]> = [
  ['#günlük', 40],
  ['#gunluk', 15],
  ['#Günlük', 8],
  ['#GÜNLÜK', 8],
  ['**#günlük**', 8],
  ['# günlük', 4],
  ['#daily', 3],
  ['#GUNLUK', 4],
  ['#günlük'.normalize('NFD'), 3],
  ['#günlük'.replace('#', '(#') + ')', 2],
];
export const WEEKLY_TAGS: Array<[string, number]> = [
  ['#haftalık', 45],
  ['#haftalik', 20],
  ['#HAFTALIK', 10],
  ['**#haftalık**', 10],
  ['#Haftalık', 10],
  ['#weekly', 5],
];
export const MONTHLY_TAGS: Array<[string, number]> = [
  ['#aylık', 50],
  ['#aylik', 20],
  ['#AYLIK', 10],
  ['**#aylık**', 10],
  ['#monthly', 10],
];
export const INTRO_TAGS: Array<[string, number]> = [
  ['#tanışma', 60],
  ['#tanisma', 25],
  ['#TANIŞMA', 15],
];
export const UNREACHABLE_TAGS: Array<[string, number]> = [
  ['#ulaşılamadı', 55],
  ['#ulasilamadi', 30],
  ['#ULAŞILAMADI', 15],
];
export const GOLIVE_TAGS: Array<[string, number]> = [
  ['#canlı', 70],
  ['#canli', 30],
];
export const DELAY_TAGS: Array<[string, number]> = [
  ['#gecikme', 80],
  ['#delay', 20],
];

export const DAILY_BODIES = [
  'Eğitim yapıldı, ürün varyantları ve stok takibi anlatıldı.',
  'Sipariş ve ödeme adımları masaüstü ve mobilde kontrol edildi, sorun yok.',
  'Müşteri arandı, kargo entegrasyonu soruları cevaplandı.',
  'Açık destek talepleri kontrol edildi, 2 talep takipte.',
  'Kampanya modülü anlatıldı, kupon kodu birlikte oluşturuldu.',
  'Ana sayfa, ürün listeleme, ürün detay ve üye kayıt adımları kontrol edildi.',
  'SEO ayarlarının üzerinden geçildi, meta açıklamalar düzenlendi.',
  'Görüşme yapıldı, toplu ürün yükleme şablonu paylaşıldı.',
  'Müşteri eğitim istemedi, site genel kontrolü yapıldı ve sonuçlar paylaşıldı.',
  'Mobil ödemede 3D Secure hatası bildirildi, yazılım ekibine iletildi.',
  'Pazaryeri entegrasyonu eşleştirmeleri kontrol edildi.',
  'Banner ve vitrin düzenlemesi birlikte yapıldı.',
  'işlem yok, genel kontroller yapıldı',
  'sorun yok, ödeme adımları test edildi',
  'V5 yenilikleri tanıtıldı, müşteri sepet hatırlatma özelliğini açtı.',
  'Plasiyer modülü demosu yapıldı.',
  'Kargo ücret kuralları birlikte güncellendi.',
  'Rutin kontrol: ödeme, sepet ve üyelik adımları sorunsuz.',
  'görüşme yapıldı, müşteri fatura ayarlarını sordu, anlatıldı',
  'Ürün filtreleri ve kategori sıralaması düzenlendi.',
];
export const WEEKLY_BODIES = [
  'Haftalık güncellemeler yapıldı, test sipariş ve test üyelik oluşturuldu.',
  'Güncelleme sonrası site detaylı kontrol edildi, ödeme adımları sorunsuz.',
  'Ekstra sayfalar (KVKK, iade koşulları) kontrol edildi. Test sipariş verildi.',
  'Diğer departmanlarda bekleyen işler takip edildi, tasarım revizesi bekleniyor.',
  'test sipariş ve test üyelik yapıldı, eksikler müşteriye iletildi',
];
export const MONTHLY_BODIES = [
  'Aylık rapor gönderildi, çözülen ve devam eden talepler paylaşıldı. Aylık toplantı yapıldı.',
  'Ay sonu raporu iletildi; ödeme, kargo, linkler ve dışa aktarım kontrol edildi.',
  'Aylık toplantı yapıldı, Search Console kontrolü ve rapor paylaşıldı.',
];
export const NOTES = [
  'Müşteri yeni kampanya görsellerini yarın gönderecek.',
  'Logo dosyası mail ile istendi.',
  'Müşterinin muhasebecisi fatura entegrasyonu için dönüş yapacak.',
  'Yazılım ekibinden gelen yanıt müşteriye iletildi.',
  'Kargo firması değişikliği planlanıyor, takipteyim.',
];
export const UNREACHABLE_BODIES = [
  '2 kez arandı, telefon açılmadı. WhatsApp üzerinden mesaj bırakıldı.',
  'Müşteri telefona cevap vermedi, mail gönderildi.',
  'Arandı, meşgul. Akşam tekrar denenecek.',
  'yanıt vermedi, sms atıldı',
];
