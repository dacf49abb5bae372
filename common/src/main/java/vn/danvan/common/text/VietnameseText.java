package vn.danvan.common.text;

import java.text.Collator;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.Locale;

/** Vietnamese text rules of every service: stored NFC, searched without case, tone marks or đ/d. */
public final class VietnameseText {
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");

    private VietnameseText() {
    }

    /** NFC with trimmed ends and single inner spaces; null stays null. */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
    }

    /**
     * The search key: lower case, no tone or vowel marks, đ as d. Both tone placements ("hoà"/"hòa") fold to the
     * same key because the marks are removed after decomposition.
     */
    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            out.append(c == 'đ' || c == 'Đ' ? 'd' : Character.toLowerCase(c));
        }
        return out.toString().strip().replaceAll("\\s+", " ");
    }

    /** Vietnamese alphabetical order (a ă â b c d đ e ê …), for sorting names in lists and reports. */
    public static Comparator<String> collation() {
        Collator collator = Collator.getInstance(VIETNAMESE);
        collator.setStrength(Collator.TERTIARY);
        return Comparator.nullsLast(collator::compare);
    }
}
