extension SpecDecoder {
    func sla(_ node: YAMLNode) -> SLASpec? {
        guard let fields = reader.mapping(node, "`sla`", allowed: NativeKeys.sla, homes: NativeKeys.homes) else {
            return nil
        }
        let title = fields.required("title", hint: "the agreement's title, e.g. `Orders API Service Level Agreement`")
            .flatMap { reader.string($0, "`title`") }
        var period: Located<CalendarPeriod>?
        if let periodNode = fields["period"], let text = reader.string(periodNode, "`period`") {
            if let value = CalendarPeriod(rawValue: text.value), value != .week {
                period = Located(value, periodNode.range)
            } else {
                reader.error(
                    .invalidWindow, "SLA `period` must be `month`, `quarter` or `year`, not `\(text.value)`",
                    at: periodNode.location)
            }
        }
        var commitments: [SLACommitmentSpec] = []
        if let list = fields.required("commitments", hint: "a list of `{slo: NAME, objective: PERCENT}`"),
            let items = reader.sequence(list, "`commitments`")
        {
            if items.isEmpty {
                reader.error(.emptyCollection, "`commitments` is empty; commit to at least one SLO", at: list.location)
            }
            commitments = items.compactMap(commitment)
        }
        let credits = fields["credits"].flatMap { reader.sequence($0, "`credits`") }?.compactMap(credit) ?? []
        let exclusions =
            fields["exclusions"].flatMap { reader.sequence($0, "`exclusions`") }?
            .compactMap { reader.string($0, "an exclusion") } ?? []
        guard let title else { return nil }
        var spec = SLASpec(
            range: node.range, title: title,
            revision: fields["revision"].flatMap { reader.string($0, "`revision`") },
            provider: fields["provider"].flatMap { reader.string($0, "`provider`") },
            customer: fields["customer"].flatMap { reader.string($0, "`customer`") },
            scope: fields["scope"].flatMap { reader.string($0, "`scope`") },
            period: period, commitments: commitments, credits: credits, exclusions: exclusions,
            claims: fields["claims"].flatMap { reader.string($0, "`claims`") })
        spec.hasCreditsKey = fields["credits"].map(\.isNonEmptySequence) ?? false
        spec.hasExclusionsKey = fields["exclusions"].map(\.isNonEmptySequence) ?? false
        return spec
    }

    private func commitment(_ node: YAMLNode) -> SLACommitmentSpec? {
        guard let fields = reader.mapping(node, "a commitment", allowed: NativeKeys.commitment, homes: NativeKeys.homes)
        else { return nil }
        let slo = fields.required("slo", hint: "the name of the SLO that measures it").flatMap {
            reader.string($0, "`slo`")
        }
        let objective = fields.required("objective", hint: "the committed percentage, e.g. `99.5`").flatMap {
            self.objective($0)
        }
        let description = fields["description"].flatMap { reader.string($0, "`description`") }
        guard let slo, let objective else { return nil }
        return SLACommitmentSpec(range: node.range, slo: slo, objective: objective, description: description)
    }

    private func credit(_ node: YAMLNode) -> SLACreditSpec? {
        guard let fields = reader.mapping(node, "a credit tier", allowed: NativeKeys.credit, homes: NativeKeys.homes)
        else { return nil }
        let below = fields.required("below", hint: "the achieved percentage under which the credit applies")
            .flatMap { percentage($0, "`below`") }
        let credit = fields.required("credit", hint: "the credit as a percentage of the fee, e.g. `10%`")
            .flatMap { percentage($0, "`credit`") }
        guard let below, let credit else { return nil }
        return SLACreditSpec(range: node.range, below: below, credit: credit)
    }

    /// A percentage in (0, 100], written `25`, `25%` or `99.5`.
    private func percentage(_ node: YAMLNode, _ what: String) -> Located<Double>? {
        guard case .scalar(let scalar) = node.kind else {
            reader.error(
                .wrongType, "\(what) must be a percentage such as `10%`, not \(node.kindName)", at: node.location)
            return nil
        }
        let text = scalar.value.hasSuffix("%") ? String(scalar.value.dropLast()) : scalar.value
        guard let value = YAMLNumber.parse(text), value > 0, value <= 100 else {
            reader.error(
                .invalidPercentage,
                "\(what) `\(scalar.value)` must be a percentage above 0 and at most 100, e.g. `10%`",
                at: node.location)
            return nil
        }
        return Located(value, node.range)
    }
}
