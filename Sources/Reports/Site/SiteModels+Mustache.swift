import Mustache

// Field lookup without Mirror: the templates read thousands of fields per page, and reflection was most of the
// site's build time. Each switch lists the struct's stored properties; a missing name returns nil, as Mirror did.

extension PageChrome: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "root": root
        case "generatedAt": generatedAt
        default: nil
        }
    }
}

extension LinkModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": href
        case "text": text
        case "external": external
        default: nil
        }
    }
}

extension Items: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "items": items
        default: nil
        }
    }
}

extension Paragraphs: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "paragraphs": paragraphs
        default: nil
        }
    }
}

extension ParagraphModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "segments": segments
        default: nil
        }
    }
}

extension Segment: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "text": text
        case "code": code
        default: nil
        }
    }
}

extension CodeModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "anchor": anchor
        case "label": label
        case "languageClass": languageClass
        case "text": text
        default: nil
        }
    }
}

extension SectionModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "anchor": anchor
        case "title": title
        case "paragraphs": paragraphs
        case "list": list
        case "codes": codes
        default: nil
        }
    }
}

extension IndexModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "page": page
        case "heading": heading
        case "summary": summary
        case "coverage": coverage
        case "tactics": tactics
        case "untagged": untagged
        case "changes": changes
        default: nil
        }
    }
}

extension CoverageModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "file": file
        case "alt": alt
        default: nil
        }
    }
}

extension TacticModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "anchor": anchor
        case "id": id
        case "name": name
        case "techniqueCount": techniqueCount
        case "ruleCount": ruleCount
        case "techniques": techniques
        default: nil
        }
    }
}

extension TechniqueLinkModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": href
        case "id": id
        case "name": name
        case "rules": rules
        case "sub": sub
        default: nil
        }
    }
}

extension UntaggedModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": href
        case "text": text
        case "count": count
        default: nil
        }
    }
}

extension ChangesModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "window": window
        case "runs": runs
        case "summary": summary
        case "groups": groups
        default: nil
        }
    }
}

extension ChangeGroupModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "count": count
        case "open": open
        case "rows": rows
        case "more": more
        default: nil
        }
    }
}

extension ChangeRowModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": href
        case "id": id
        case "title": title
        case "change": change
        default: nil
        }
    }
}

extension TechniquePageModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "page": page
        case "id": id
        case "name": name
        case "parent": parent
        case "tactics": tactics
        case "attackURL": attackURL
        case "ruleCount": ruleCount
        case "subtechniques": subtechniques
        case "note": note
        case "sections": sections
        case "rules": rules
        default: nil
        }
    }
}

extension RuleRowModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": href
        case "id": id
        case "title": title
        case "level": level
        case "levelClass": levelClass
        case "status": status
        case "queries": queries
        default: nil
        }
    }
}

extension RulePageModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "page": page
        case "techniqueLinks": techniqueLinks
        case "banner": banner
        case "title": title
        case "facts": facts
        case "toc": toc
        case "note": note
        case "description": description
        case "sections": sections
        case "queries": queries
        case "queryProblems": queryProblems
        case "falsepositives": falsepositives
        case "scenarios": scenarios
        case "related": related
        case "history": history
        case "references": references
        case "yaml": yaml
        default: nil
        }
    }
}

extension FactModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "value": value
        case "links": links
        case "texts": texts
        default: nil
        }
    }
}

extension TocModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "anchor": anchor
        case "text": text
        default: nil
        }
    }
}

extension ScenarioModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "anchor": anchor
        case "number": number
        case "title": title
        case "scenarioDescription": scenarioDescription
        case "scenarioExclusion": scenarioExclusion
        case "codes": codes
        case "problems": problems
        case "credits": credits
        default: nil
        }
    }
}

extension RelatedModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "phrase": phrase
        case "href": href
        case "title": title
        case "id": id
        case "linkNote": linkNote
        default: nil
        }
    }
}

extension HistoryModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "facts": facts
        case "events": events
        default: nil
        }
    }
}

extension HistoryRowModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "date": date
        case "run": run
        case "commit": commit
        case "kind": kind
        case "change": change
        default: nil
        }
    }
}

extension ReferenceModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": href
        case "text": text
        default: nil
        }
    }
}
