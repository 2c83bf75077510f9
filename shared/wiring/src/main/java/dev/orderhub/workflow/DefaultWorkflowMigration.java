package dev.orderhub.workflow;

import dev.orderhub.site.Site;
import dev.orderhub.site.DynamoSiteRepository;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The operator's one-off install of the default thank-you workflow ({@link ThankYouWorkflow}) on
 * the sites created before sites got it at creation, a page of sites at a time (repeat with the
 * returned cursor until there is none). Each install is a conditional put-if-absent of version 1:
 * running it again, or alongside a site's own edits, installs nothing more and never overwrites; a
 * site that deleted the workflow (tombstone) or switched it off keeps it so. An install an outage
 * cut short (version stored, current item not) is finished.
 */
public final class DefaultWorkflowMigration {
    private final DynamoSiteRepository sites;
    private final ThankYouWorkflow thankYou;

    public DefaultWorkflowMigration(DynamoSiteRepository sites, ThankYouWorkflow thankYou) {
        this.sites = sites;
        this.thankYou = thankYou;
    }

    /** @param installed sites of this page the workflow was installed on (or finished on) by this call */
    public record Result(int sites, int installed, Map<String, AttributeValue> next) {}

    /** @param cursor the previous page's {@code next}, encoded (null: the first page); IllegalArgumentException if forged */
    public Result installPage(int limit, String cursor) {
        DynamoSiteRepository.SitePage page = sites.listAll(limit, cursor);
        int installed = 0;
        for (Site site : page.sites()) {
            installed += thankYou.install(site.clientId()).isPresent() ? 1 : 0;
        }
        return new Result(page.sites().size(), installed, page.next());
    }
}
