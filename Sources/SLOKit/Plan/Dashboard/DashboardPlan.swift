/// A Grafana dashboard as data: what each panel shows and reads, before any JSON exists.
///
/// The planner decides the content (queries, thresholds, units, links) from the same model the
/// rules are compiled from, so a burn-rate panel's threshold is the factor the alert compares
/// against; the renderer only lays the panels out and spells Grafana's JSON model.
struct DashboardPlan: Sendable {
    /// Stable across compiles, so re-importing or re-provisioning updates the dashboard in place.
    var uid: String
    var title: String
    var description: String
    var tags: [String]
    /// Template variables after the data-source variable every dashboard has.
    var labelVariables: [DashboardVariable]
    var links: [DashboardLink]
    var rows: [DashboardRow]
}

/// A query variable over one `groupBy` label: its values come from the SLO's own recordings.
struct DashboardVariable: Sendable, Hashable {
    var label: String
    /// `label_values(selector, label)`: the selector reads a recorded series, never a raw one.
    var selector: String
}

/// A link on the dashboard or a panel.
struct DashboardLink: Sendable, Hashable {
    enum Target: Sendable, Hashable {
        case url(String)
        /// Every dashboard carrying these tags, as a drop-down.
        case dashboards(tags: [String])
    }

    var title: String
    var target: Target
}

/// A titled row of panels (one per SLO, or the overview's one).
struct DashboardRow: Sendable {
    var title: String
    var panels: [DashboardPanel]
}

/// One panel: its kind, its queries and how values read.
struct DashboardPanel: Sendable {
    enum Kind: String, Sendable {
        case text, stat, timeseries, table
    }

    /// What the numbers are: Grafana's unit ids.
    enum Unit: String, Sendable {
        case ratio = "percentunit"
        case burnRate = "x"
        case seconds = "s"
        case count = "none"
    }

    /// How a stat's values colour and read.
    enum Reading: Sendable, Hashable {
        /// Plain numbers coloured by the thresholds.
        case value
        /// 0 reads "quiet", anything above reads "firing".
        case alertState
    }

    var kind: Kind
    var title: String
    var description: String
    /// Markdown of a text panel.
    var content: String = ""
    var queries: [PanelQuery] = []
    var unit: Unit = .count
    /// Ascending threshold steps above the base colour; `drawn` panels show them as lines.
    var thresholds: [PanelThreshold] = []
    var baseColor = "green"
    var drawThresholds = false
    var reading = Reading.value
    /// A panel time range of its own, Grafana's relative syntax (`now/M`: this month so far).
    var timeFrom: String?
    var links: [DashboardLink] = []
    /// Table columns: the query's value field to the column title, in order.
    var columns: [TableColumn] = []
    /// Grid size (Grafana's grid is 24 columns wide).
    var width: Int
    var height: Int
}

/// A table column: the value field of one query.
struct TableColumn: Sendable, Hashable {
    var refID: String
    var title: String
    var unit: DashboardPanel.Unit
}

/// One PromQL query of a panel.
struct PanelQuery: Sendable, Hashable {
    var refID: String
    var expr: String
    var legend: String
    /// Stats and tables read one instant value; time series read a range.
    var instant: Bool
}

/// A threshold step: at and above `value` the panel turns `color`.
struct PanelThreshold: Sendable, Hashable {
    var value: Double
    var color: String
}
