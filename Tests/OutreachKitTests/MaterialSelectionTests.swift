import Foundation
import Testing
@testable import OutreachKit

/// A material's layout and lists are held in a box that the materials selecting the same share,
/// read from a file (as it is parsed, in chunks) or from text; a change to one material's copy
/// never reaches another.
@Suite struct MaterialSelectionTests {
    /// Materials cycling through `period` selections, across the loader's chunks of 256.
    static func manifest(_ count: Int, period: Int) -> String {
        var text = "version: 1\ncontent: content\noutput: out\nmaterials:\n"
        for index in 0..<count {
            let layout = ["handout", "fact-sheet", "agency-profile"][index % period % 3]
            text += "  - id: m-\(index)\n    layout: \(layout)\n    formats: [html, text]\n    agencies: [a\(index % period), b]\n    topics: [t\(index % period % 2)]\n"
        }
        return text
    }

    private static func load(_ text: String) throws -> Manifest {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("selection-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("outreach.yml")
        try Data(text.utf8).write(to: url)
        return try ManifestLoader().load(url, displayPath: "outreach.yml")
    }

    @Test(arguments: [(1, 1), (10, 3), (700, 6), (2_000, 7)])
    func materialsThatSelectTheSameShareOneBox(count: Int, period: Int) throws {
        let manifest = try Self.load(Self.manifest(count, period: period))
        #expect(manifest.materials.count == count)
        for (index, material) in manifest.materials.enumerated() {
            #expect(material.id == "m-\(index)")
            #expect(material.layout == ["handout", "fact-sheet", "agency-profile"][index % period % 3])
            #expect(material.formats == ["html", "text"] && material.agencies == ["a\(index % period)", "b"])
            #expect(material.topics == ["t\(index % period % 2)"] && material.messages.isEmpty && material.agencyKinds.isEmpty)
        }
        // One box for each selection, whatever chunk its materials were read in.
        let boxes = Set(manifest.materials.map(\.selectionIdentity))
        #expect(boxes.count == min(count, period))
        // What a material holds, as the type's documentation says.
        #expect(MemoryLayout<MaterialSpec>.stride == 64)
    }

    @Test func aChangeToOneMaterialLeavesTheOthersThatSharedItsBox() throws {
        var materials = try Self.load(Self.manifest(4, period: 2)).materials
        #expect(materials[0].selectionIdentity == materials[2].selectionIdentity)
        materials[0].agencies.append("c")
        materials[0].layout = "fact-sheet"
        #expect(materials[0].agencies == ["a0", "b", "c"] && materials[0].layout == "fact-sheet")
        #expect(materials[2].agencies == ["a0", "b"] && materials[2].layout == "handout")
        #expect(materials[0].selectionIdentity != materials[2].selectionIdentity)
    }

    /// The boxes kept to be shared stop at a limit; the materials past it keep boxes of their own.
    @Test func sharingStopsAtItsLimit() {
        var selections = MaterialSpec.Selections(limit: 2)
        func box(_ layout: String) -> MaterialSpec.Selection {
            MaterialSpec.Selection(MaterialSpec.Selected(layout: layout, formats: [], agencies: [], agencyKinds: [], messages: [], topics: []))
        }
        let a = selections.shared(box("a")), b = selections.shared(box("b"))
        #expect(selections.shared(box("a")) === a && selections.shared(box("b")) === b)
        let c = selections.shared(box("c"))
        #expect(selections.shared(box("c")) !== c)
    }
}
