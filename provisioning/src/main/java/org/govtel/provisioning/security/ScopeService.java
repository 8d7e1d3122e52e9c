package org.govtel.provisioning.security;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.govtel.provisioning.admin.AdminRole;
import org.govtel.provisioning.site.Site;
import org.govtel.provisioning.site.SiteRepository;
import org.springframework.stereotype.Service;

/** Works out an admin's {@link Scope} from the site tree as it is now. */
@Service
public class ScopeService {

    private final SiteRepository sites;

    public ScopeService(SiteRepository sites) {
        this.sites = sites;
    }

    public Scope of(CurrentAdmin admin) {
        if (admin.role() == AdminRole.PREFECTURE_ADMIN || admin.scopeSiteId() == null) {
            // A site admin always has a scope site (database constraint); an auditor without one
            // reads the whole prefecture.
            return new Scope(admin, null);
        }
        return new Scope(admin, subtree(sites.findAll(), admin.scopeSiteId()));
    }

    /** {@code root} and every site below it. */
    public static Set<Long> subtree(List<Site> all, long root) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (Site s : all) {
            if (s.parentId() != null) {
                children.computeIfAbsent(s.parentId(), k -> new ArrayList<>()).add(s.id());
            }
        }
        Set<Long> out = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Long id = todo.poll();
            if (out.add(id)) {
                todo.addAll(children.getOrDefault(id, List.of()));
            }
        }
        return out;
    }
}
