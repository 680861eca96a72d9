/// `alertmanager.yml`: a fragment to merge into an existing Alertmanager config — one route
/// subtree for every SLO alert and the inhibit rules — with the merge steps in its header.
func renderAlertmanagerRoutes(_ plan: AlertmanagerPlan) -> String {
    let names = plan.services.count == 1 ? "service `\(plan.services[0])`" : "\(plan.services.count) services"
    let receivers = plan.receivers.joined(separator: ", ")
    let header =
        generatedHeader(source: "the specs of \(names)")
            + """
            # An Alertmanager config fragment, not a whole config. To use it (docs/DEPLOYING.md):
            # 1. put the `route` below first in the `routes:` list of your root route (it matches only
            #    SLO alerts, and they stop there);
            # 2. add the `inhibit_rules` below to yours;
            # 3. define the receivers it names: \(receivers).
            # Then `amtool check-config alertmanager.yml`.


            """
    let writer = YAMLWriter(header: header)
    let kindPattern = AlertKind.allCases.map(\.rawValue).joined(separator: "|")
    func matchers(_ key: String, _ values: [String]) {
        writer.sequence(key, values) { writer.string($0) }
    }
    func kindMatcher(_ kind: AlertKind) -> String { "\(ReservedLabels.severity)=\"\(kind.rawValue)\"" }
    writer.mapping {
        writer.string("route")
        writer.mapping {
            writer.pair("receiver", plan.fallbackReceiver)
            matchers("matchers", ["\(ReservedLabels.severity)=~\"\(kindPattern)\""])
            matchers("group_by", plan.groupBy)
            writer.sequence("routes", plan.routes) { route in
                writer.mapping {
                    writer.pair("receiver", route.receiver)
                    matchers("matchers", [kindMatcher(route.kind)])
                }
            }
        }
        writer.sequence("inhibit_rules", plan.inhibitRules) { rule in
            writer.mapping {
                matchers("source_matchers", [kindMatcher(rule.source)])
                matchers("target_matchers", [kindMatcher(rule.target)])
                matchers("equal", rule.equal)
            }
        }
    }
    return writer.finish()
}
