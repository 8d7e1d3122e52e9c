package org.govtel.provisioning.demo;

import java.util.List;
import org.govtel.provisioning.site.SiteKind;

/**
 * The demo directory: the prefecture's real sites with their number blocks, and a few offices
 * each. The plan: seat "10"; counties "11".."18"; cities "21", "22"; border port "31";
 * townships take a 3-digit block carved from the top of their county's block ("119" is inside
 * Yining County's "11"), so a county's own offices keep the low numbers.
 */
final class DemoSites {

    record DemoOffice(String nameZh, String nameEn, List<String> rolesZh) { }

    record DemoSite(String code, SiteKind kind, String nameZh, String nameEn, String prefix, String parentCode,
                    List<DemoOffice> offices) { }

    private static final List<String> STAFF = List.of("主任", "副主任", "秘书");

    /** The seat's duty office; its first desk answers the operator number. */
    static final String SEAT_CODE = "seat";
    static final String DUTY_DESK = "100201";

    static final List<DemoSite> SITES = List.of(
            new DemoSite(SEAT_CODE, SiteKind.SEAT, "伊犁州州府（伊宁）", "Prefecture seat (Yining)", "10", null, List.of(
                    new DemoOffice("州人民政府办公室", "Prefecture Government General Office", STAFF),
                    new DemoOffice("州政府总值班室", "Prefecture Duty Office", List.of("总值班台", "值班主任", "值班员")))),
            county("yining-county", "伊宁县", "Yining County", "11"),
            county("qapqal", "察布查尔锡伯自治县", "Qapqal Xibe Autonomous County", "12"),
            county("huocheng", "霍城县", "Huocheng County", "13"),
            county("gongliu", "巩留县", "Gongliu County", "14"),
            county("xinyuan", "新源县", "Xinyuan County", "15"),
            county("zhaosu", "昭苏县", "Zhaosu County", "16"),
            county("tekes", "特克斯县", "Tekes County", "17"),
            county("nilka", "尼勒克县", "Nilka County", "18"),
            local("yining-city", SiteKind.CITY, "伊宁市", "Yining City", "21"),
            local("kuytun", SiteKind.CITY, "奎屯市", "Kuytun City", "22"),
            new DemoSite("dulata", SiteKind.PORT, "都拉塔口岸", "Dulata Port", "31", SEAT_CODE, List.of(
                    new DemoOffice("口岸管理委员会办公室", "Port Administration Office", STAFF),
                    new DemoOffice("联检大厅值班室", "Joint Inspection Hall Duty Room", List.of("值班长", "值班员", "联络员")))),
            township("dunmazha", "墩麻扎镇", "Dunmazha Town", "119", "yining-county"),
            township("qapqal-town", "察布查尔镇", "Qapqal Town", "129", "qapqal"),
            township("qingshuihe", "清水河镇", "Qingshuihe Town", "138", "huocheng"),
            township("huiyuan", "惠远镇", "Huiyuan Town", "139", "huocheng"),
            township("nalati", "那拉提镇", "Nalati Town", "159", "xinyuan"));

    private DemoSites() {
    }

    private static DemoSite county(String code, String nameZh, String nameEn, String prefix) {
        return local(code, SiteKind.COUNTY, nameZh, nameEn, prefix);
    }

    private static DemoSite local(String code, SiteKind kind, String nameZh, String nameEn, String prefix) {
        return new DemoSite(code, kind, nameZh, nameEn, prefix, SEAT_CODE, List.of(
                new DemoOffice(nameZh + "人民政府办公室", nameEn + " Government Office", STAFF),
                new DemoOffice(nameZh + "应急管理局", nameEn + " Emergency Management Bureau", STAFF)));
    }

    private static DemoSite township(String code, String nameZh, String nameEn, String prefix, String county) {
        return new DemoSite(code, SiteKind.TOWNSHIP, nameZh, nameEn, prefix, county, List.of(
                new DemoOffice(nameZh + "人民政府", nameEn + " Government", STAFF)));
    }
}
