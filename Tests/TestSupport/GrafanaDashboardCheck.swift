import Foundation

/// The fields Grafana needs to load a classic dashboard JSON, checked from its documented dashboard
/// model ("Dashboard JSON model": uid of 8–40 characters, title, tags, timezone, editable,
/// graphTooltip, time, templating.list, annotations.list, refresh, schemaVersion, version, links,
/// panels with gridPos on the 24-column grid) plus what every panel and query of ours relies on:
/// unique panel ids, panels that do not overlap, a refId and a data source on every query.
///
/// Written from the documentation, not from our renderer, so it can disagree with it.
public enum GrafanaDashboardCheck {
    public static let panelTypes: Set<String> = ["row", "text", "stat", "timeseries", "table", "gauge", "bargauge"]

    /// Every problem found, empty when the dashboard has the fields Grafana requires.
    public static func problems(_ text: String) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
            let dashboard = object as? [String: Any]
        else { return ["not a JSON object"] }
        var problems: [String] = []
        func require<T>(_ key: String, _ type: T.Type, in object: [String: Any], at path: String) -> T? {
            guard let value = object[key] else {
                problems.append("\(path).\(key) is missing")
                return nil
            }
            guard let typed = value as? T else {
                problems.append("\(path).\(key) is \(Swift.type(of: value)), not \(T.self)")
                return nil
            }
            return typed
        }
        if let uid = require("uid", String.self, in: dashboard, at: "$") {
            let allowed = uid.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
            }
            if !(1...40).contains(uid.count) || !allowed {
                problems.append("$.uid \(uid) is not 1–40 of [A-Za-z0-9_-]")
            }
        }
        if let title = require("title", String.self, in: dashboard, at: "$"), title.isEmpty {
            problems.append("$.title is empty")
        }
        _ = require("tags", [String].self, in: dashboard, at: "$")
        _ = require("timezone", String.self, in: dashboard, at: "$")
        _ = require("editable", Bool.self, in: dashboard, at: "$")
        _ = require("graphTooltip", Int.self, in: dashboard, at: "$")
        _ = require("refresh", String.self, in: dashboard, at: "$")
        _ = require("version", Int.self, in: dashboard, at: "$")
        _ = require("links", [Any].self, in: dashboard, at: "$")
        if let schema = require("schemaVersion", Int.self, in: dashboard, at: "$"), schema < 36 {
            problems.append("$.schemaVersion \(schema) predates Grafana 9.x")
        }
        if let time = require("time", [String: Any].self, in: dashboard, at: "$") {
            _ = require("from", String.self, in: time, at: "$.time")
            _ = require("to", String.self, in: time, at: "$.time")
        }
        if let annotations = require("annotations", [String: Any].self, in: dashboard, at: "$") {
            _ = require("list", [Any].self, in: annotations, at: "$.annotations")
        }
        var variableNames: Set<String> = ["__range", "__interval", "__rate_interval"]
        if let templating = require("templating", [String: Any].self, in: dashboard, at: "$"),
            let list = require("list", [[String: Any]].self, in: templating, at: "$.templating")
        {
            for (index, variable) in list.enumerated() {
                let path = "$.templating.list[\(index)]"
                if let name = require("name", String.self, in: variable, at: path) {
                    if !variableNames.insert(name).inserted { problems.append("\(path).name \(name) is used twice") }
                }
                _ = require("type", String.self, in: variable, at: path)
                _ = require("query", Any.self, in: variable, at: path)
            }
        }
        guard let panels = require("panels", [[String: Any]].self, in: dashboard, at: "$") else { return problems }
        var ids: Set<Int> = []
        var cells: Set<Int> = []
        for (index, panel) in panels.enumerated() {
            let path = "$.panels[\(index)]"
            if let id = require("id", Int.self, in: panel, at: path), !ids.insert(id).inserted {
                problems.append("\(path).id \(id) is used twice")
            }
            let type = require("type", String.self, in: panel, at: path)
            if let type, !panelTypes.contains(type) { problems.append("\(path).type \(type) is unknown") }
            _ = require("title", String.self, in: panel, at: path)
            if let grid = require("gridPos", [String: Any].self, in: panel, at: path),
                let h = require("h", Int.self, in: grid, at: path + ".gridPos"),
                let w = require("w", Int.self, in: grid, at: path + ".gridPos"),
                let x = require("x", Int.self, in: grid, at: path + ".gridPos"),
                let y = require("y", Int.self, in: grid, at: path + ".gridPos")
            {
                if h < 1 || w < 1 || x < 0 || y < 0 || x + w > 24 {
                    problems.append("\(path).gridPos \(x),\(y) \(w)×\(h) is off the 24-column grid")
                }
                for row in y..<(y + max(h, 1)) {
                    for column in x..<min(24, x + max(w, 1)) where !cells.insert(row * 24 + column).inserted {
                        problems.append("\(path) overlaps another panel at \(column),\(row)")
                    }
                }
            }
            guard type != "row", type != "text" else { continue }
            if let source = require("datasource", [String: Any].self, in: panel, at: path) {
                _ = require("uid", String.self, in: source, at: path + ".datasource")
            }
            _ = require("fieldConfig", [String: Any].self, in: panel, at: path)
            _ = require("options", [String: Any].self, in: panel, at: path)
            guard let targets = require("targets", [[String: Any]].self, in: panel, at: path) else { continue }
            if targets.isEmpty { problems.append("\(path).targets is empty") }
            var refIDs: Set<String> = []
            for (number, target) in targets.enumerated() {
                let at = "\(path).targets[\(number)]"
                if let refID = require("refId", String.self, in: target, at: at), !refIDs.insert(refID).inserted {
                    problems.append("\(at).refId \(refID) is used twice")
                }
                if let expr = require("expr", String.self, in: target, at: at) {
                    for name in variables(in: expr) where !variableNames.contains(name) {
                        problems.append("\(at).expr uses $\(name), which no variable defines")
                    }
                }
            }
        }
        return problems
    }

    /// `$name` and `${name}` references in a query.
    public static func variables(in text: String) -> [String] {
        var names: [String] = []
        var scalars = Array(text.unicodeScalars)[...]
        while let dollar = scalars.firstIndex(of: "$") {
            scalars = scalars[(dollar + 1)...]
            if scalars.first == "{" { scalars = scalars.dropFirst() }
            let name = scalars.prefix { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
            if !name.isEmpty { names.append(String(String.UnicodeScalarView(name))) }
        }
        return names
    }
}
