package dev.orderhub.provider.xsolla;

import dev.orderhub.site.ProviderConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer to Xsolla's synchronous {@code user_validation} ("is this user registered in your
 * game?"), from the site's settings: {@code userValidation} = {@code allow_all} (the default:
 * every user is known) or {@code list}, in which case only the ids in {@code allowedUsers}
 * (comma-separated, at most {@value #MAX_USERS}) are known. A lookup endpoint on the site's side
 * can replace the list later; the setting names stay.
 */
final class XsollaUserValidation {
    static final String MODE = "userValidation";
    static final String ALLOWED_USERS = "allowedUsers";
    static final String ALLOW_ALL = "allow_all";
    static final String LIST = "list";
    static final int MAX_USERS = 1000;
    static final int MAX_USER_ID_CHARS = 255;

    private XsollaUserValidation() {}

    static Set<String> settingNames() {
        return Set.of(MODE, ALLOWED_USERS);
    }

    static void validate(String name, String value) {
        switch (name) {
            case MODE -> {
                if (!ALLOW_ALL.equals(value) && !LIST.equals(value)) {
                    throw new IllegalArgumentException(MODE + " must be \"" + ALLOW_ALL + "\" or \"" + LIST + "\"");
                }
            }
            case ALLOWED_USERS -> {
                List<String> ids = parse(value);
                if (ids.size() > MAX_USERS) {
                    throw new IllegalArgumentException(ALLOWED_USERS + " holds at most " + MAX_USERS + " user ids");
                }
                for (String id : ids) {
                    if (id.length() > MAX_USER_ID_CHARS || id.chars().anyMatch(Character::isISOControl)) {
                        throw new IllegalArgumentException(ALLOWED_USERS + " entries must be user ids of at most "
                                + MAX_USER_ID_CHARS + " printable characters");
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown setting " + name);
        }
    }

    /** Whether the site knows this Xsolla user id. */
    static boolean isKnown(ProviderConfig config, String userId) {
        Map<String, String> settings = config.settings();
        if (!LIST.equals(settings.getOrDefault(MODE, ALLOW_ALL))) {
            return true;
        }
        return userId != null && parse(settings.getOrDefault(ALLOWED_USERS, "")).contains(userId);
    }

    private static List<String> parse(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
