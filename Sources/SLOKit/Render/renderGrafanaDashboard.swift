/// Grafana's classic dashboard JSON for a planned dashboard.
///
/// `schemaVersion` 39 is what Grafana 10.4 and 11.0 write; later versions (11.x, 12.x) migrate it on
/// load, and 39 has every field used here. Panels are laid out left to right on Grafana's
/// 24-column grid, a row header before each planned row. Every query reads the data source picked
/// in the `datasource` variable, so one file serves every Prometheus-compatible data source.
func renderGrafanaDashboard(_ plan: DashboardPlan) -> String {
    var panels: [JSONValue] = []
    var nextID = 1
    var y = 0
    for row in plan.rows {
        panels.append(
            .object([
                ("collapsed", .bool(false)),
                ("gridPos", gridPos(x: 0, y: y, width: 24, height: 1)),
                ("id", .number(Double(nextID))),
                ("panels", .array([])),
                ("title", .string(row.title)),
                ("type", .string("row")),
            ]))
        nextID += 1
        y += 1
        var x = 0
        var lineHeight = 0
        for panel in row.panels {
            if x + panel.width > GrafanaJSON.gridWidth {
                y += lineHeight
                x = 0
                lineHeight = 0
            }
            panels.append(
                GrafanaJSON.panel(
                    panel, id: nextID, gridPos: gridPos(x: x, y: y, width: panel.width, height: panel.height)))
            nextID += 1
            x += panel.width
            lineHeight = max(lineHeight, panel.height)
        }
        y += lineHeight
    }
    let dashboard = JSONValue.object([
        (
            "annotations",
            .object([
                (
                    "list",
                    .array([
                        .object([
                            ("builtIn", .number(1)),
                            ("datasource", .object([("type", .string("grafana")), ("uid", .string("-- Grafana --"))])),
                            ("enable", .bool(true)),
                            ("hide", .bool(true)),
                            ("iconColor", .string("rgba(0, 211, 255, 1)")),
                            ("name", .string("Annotations & Alerts")),
                            ("type", .string("dashboard")),
                        ])
                    ])
                )
            ])
        ),
        ("description", .string(plan.description)),
        ("editable", .bool(true)),
        ("fiscalYearStartMonth", .number(0)),
        ("graphTooltip", .number(1)),
        ("id", .null),
        ("links", .array(plan.links.map(GrafanaJSON.dashboardLink))),
        ("panels", .array(panels)),
        ("refresh", .string("1m")),
        ("schemaVersion", .number(Double(GrafanaJSON.schemaVersion))),
        ("tags", .array(plan.tags.map(JSONValue.string))),
        (
            "templating",
            .object([("list", .array([GrafanaJSON.dataSourceVariable] + plan.labelVariables.map(GrafanaJSON.variable)))]
            )
        ),
        ("time", .object([("from", .string("now-7d")), ("to", .string("now"))])),
        ("timepicker", .object([])),
        // Calendar periods are UTC in the rules and reports; "this month so far" must agree.
        ("timezone", .string("utc")),
        ("title", .string(plan.title)),
        ("uid", .string(plan.uid)),
        ("version", .number(1)),
        ("weekStart", .string("monday")),
    ])
    return dashboard.serialized(indent: 2) + "\n"
}

private func gridPos(x: Int, y: Int, width: Int, height: Int) -> JSONValue {
    .object([
        ("h", .number(Double(height))), ("w", .number(Double(width))), ("x", .number(Double(x))),
        ("y", .number(Double(y))),
    ])
}

/// The pieces of Grafana's dashboard model the renderer writes.
enum GrafanaJSON {
    static let schemaVersion = 39
    static let gridWidth = 24
    static let dataSourceName = "datasource"
    static let dataSource = JSONValue.object([
        ("type", .string("prometheus")), ("uid", .string("${\(dataSourceName)}")),
    ])

    static let dataSourceVariable = JSONValue.object([
        ("current", .object([])),
        ("hide", .number(0)),
        ("includeAll", .bool(false)),
        ("label", .string("Data source")),
        ("multi", .bool(false)),
        ("name", .string(dataSourceName)),
        ("options", .array([])),
        ("query", .string("prometheus")),
        ("refresh", .number(1)),
        ("regex", .string("")),
        ("type", .string("datasource")),
    ])

    /// A multi-value variable over one `groupBy` label, "All" by default (`.*`).
    static func variable(_ variable: DashboardVariable) -> JSONValue {
        let query = "label_values(\(variable.selector), \(variable.label))"
        return .object([
            ("allValue", .string(".*")),
            ("current", .object([("text", .array([.string("All")])), ("value", .array([.string("$__all")]))])),
            ("datasource", dataSource),
            ("definition", .string(query)),
            ("hide", .number(0)),
            ("includeAll", .bool(true)),
            ("label", .string(variable.label)),
            ("multi", .bool(true)),
            ("name", .string(variable.label)),
            ("options", .array([])),
            (
                "query",
                .object([("query", .string(query)), ("refId", .string("PrometheusVariableQueryEditor-VariableQuery"))])
            ),
            ("refresh", .number(2)),
            ("regex", .string("")),
            ("sort", .number(1)),
            ("type", .string("query")),
        ])
    }

    static func dashboardLink(_ link: DashboardLink) -> JSONValue {
        switch link.target {
        case .dashboards(let tags):
            return .object([
                ("asDropdown", .bool(true)), ("icon", .string("external link")), ("includeVars", .bool(false)),
                ("keepTime", .bool(true)), ("tags", .array(tags.map(JSONValue.string))), ("targetBlank", .bool(false)),
                ("title", .string(link.title)), ("tooltip", .string("")), ("type", .string("dashboards")),
                ("url", .string("")),
            ])
        case .url(let url):
            return .object([
                ("asDropdown", .bool(false)), ("icon", .string("doc")), ("includeVars", .bool(false)),
                ("keepTime", .bool(false)), ("tags", .array([])), ("targetBlank", .bool(true)),
                ("title", .string(link.title)), ("tooltip", .string("")), ("type", .string("link")),
                ("url", .string(url)),
            ])
        }
    }

    static func panel(_ panel: DashboardPanel, id: Int, gridPos: JSONValue) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if panel.kind != .text { members.append(("datasource", dataSource)) }
        members.append(("description", .string(panel.description)))
        members.append(("fieldConfig", fieldConfig(panel)))
        members.append(("gridPos", gridPos))
        members.append(("id", .number(Double(id))))
        let links = panel.links.compactMap { link -> JSONValue? in
            guard case .url(let url) = link.target else { return nil }
            return .object([("targetBlank", .bool(true)), ("title", .string(link.title)), ("url", .string(url))])
        }
        if !links.isEmpty { members.append(("links", .array(links))) }
        members.append(("options", options(panel)))
        if !panel.queries.isEmpty {
            members.append(("targets", .array(panel.queries.map { target($0, table: panel.kind == .table) })))
        }
        if let timeFrom = panel.timeFrom { members.append(("timeFrom", .string(timeFrom))) }
        members.append(("title", .string(panel.title)))
        if panel.kind == .table { members.append(("transformations", tableTransformations(panel))) }
        members.append(("type", .string(panel.kind.rawValue)))
        return .object(members)
    }

    private static func target(_ query: PanelQuery, table: Bool) -> JSONValue {
        .object([
            ("datasource", dataSource),
            ("editorMode", .string("code")),
            ("expr", .string(query.expr)),
            ("format", .string(table ? "table" : "time_series")),
            ("instant", .bool(query.instant)),
            ("legendFormat", .string(query.legend)),
            ("range", .bool(!query.instant)),
            ("refId", .string(query.refID)),
        ])
    }

    private static func thresholds(_ panel: DashboardPanel) -> JSONValue {
        let base = JSONValue.object([("color", .string(panel.baseColor)), ("value", .null)])
        let steps = panel.thresholds.map {
            JSONValue.object([("color", .string($0.color)), ("value", .number($0.value))])
        }
        return .object([("mode", .string("absolute")), ("steps", .array([base] + steps))])
    }

    private static func fieldConfig(_ panel: DashboardPanel) -> JSONValue {
        var defaults: [(String, JSONValue)] = []
        switch panel.kind {
        case .timeseries:
            defaults.append(("color", .object([("mode", .string("palette-classic"))])))
            defaults.append(
                (
                    "custom",
                    .object([
                        ("drawStyle", .string("line")), ("fillOpacity", .number(0)), ("lineWidth", .number(1)),
                        ("showPoints", .string("never")), ("spanNulls", .bool(false)),
                        ("thresholdsStyle", .object([("mode", .string(panel.drawThresholds ? "line" : "off"))])),
                    ])
                ))
        case .stat, .table, .text:
            defaults.append(("color", .object([("mode", .string("thresholds"))])))
        }
        if panel.reading == .alertState {
            defaults.append(
                (
                    "mappings",
                    .array([
                        .object([
                            (
                                "options",
                                .object([
                                    (
                                        "0",
                                        .object([
                                            ("color", .string("green")), ("index", .number(0)),
                                            ("text", .string("quiet")),
                                        ])
                                    )
                                ])
                            ), ("type", .string("value")),
                        ]),
                        .object([
                            (
                                "options",
                                .object([
                                    ("from", .number(1)),
                                    (
                                        "result",
                                        .object([
                                            ("color", .string("red")), ("index", .number(1)),
                                            ("text", .string("firing")),
                                        ])
                                    ), ("to", .number(1_000_000)),
                                ])
                            ), ("type", .string("range")),
                        ]),
                    ])
                ))
        } else {
            defaults.append(("mappings", .array([])))
        }
        defaults.append(("thresholds", thresholds(panel)))
        if panel.kind != .text && panel.kind != .table { defaults.append(("unit", .string(panel.unit.rawValue))) }
        let overrides = panel.columns.map { column in
            JSONValue.object([
                ("matcher", .object([("id", .string("byName")), ("options", .string(column.title))])),
                ("properties", .array([.object([("id", .string("unit")), ("value", .string(column.unit.rawValue))])])),
            ])
        }
        return .object([("defaults", .object(defaults)), ("overrides", .array(overrides))])
    }

    private static func options(_ panel: DashboardPanel) -> JSONValue {
        switch panel.kind {
        case .text:
            return .object([("content", .string(panel.content)), ("mode", .string("markdown"))])
        case .stat:
            return .object([
                ("colorMode", .string(panel.reading == .alertState ? "background" : "value")),
                ("graphMode", .string("none")),
                ("justifyMode", .string("auto")),
                ("orientation", .string("auto")),
                (
                    "reduceOptions",
                    .object([
                        ("calcs", .array([.string("lastNotNull")])), ("fields", .string("")), ("values", .bool(false)),
                    ])
                ),
                (
                    "textMode",
                    .string(panel.queries.count > 1 || panel.reading == .alertState ? "value_and_name" : "auto")
                ),
            ])
        case .timeseries:
            return .object([
                (
                    "legend",
                    .object([
                        ("displayMode", .string("list")), ("placement", .string("bottom")), ("showLegend", .bool(true)),
                    ])
                ),
                ("tooltip", .object([("mode", .string("multi")), ("sort", .string("none"))])),
            ])
        case .table:
            let sortBy = panel.columns.first.map {
                JSONValue.array([.object([("desc", .bool(false)), ("displayName", .string($0.title))])])
            }
            return .object([("showHeader", .bool(true)), ("sortBy", sortBy ?? .array([]))])
        }
    }

    /// The table's queries joined into one row per SLO (`merge` joins on the shared labels), with
    /// the value fields named after their columns and Grafana's `Time` column hidden.
    private static func tableTransformations(_ panel: DashboardPanel) -> JSONValue {
        var rename: [(String, JSONValue)] = [
            (ReservedLabels.service, .string("Service")), (ReservedLabels.name, .string("SLO")),
        ]
        rename += panel.columns.map { ("Value #\($0.refID)", JSONValue.string($0.title)) }
        var order: [(String, JSONValue)] = [(ReservedLabels.service, .number(0)), (ReservedLabels.name, .number(1))]
        order += panel.columns.enumerated().map { ("Value #\($1.refID)", JSONValue.number(Double($0 + 2))) }
        return .array([
            .object([("id", .string("merge")), ("options", .object([]))]),
            .object([
                ("id", .string("organize")),
                (
                    "options",
                    .object([
                        ("excludeByName", .object([("Time", .bool(true))])), ("indexByName", .object(order)),
                        ("renameByName", .object(rename)),
                    ])
                ),
            ]),
        ])
    }
}
