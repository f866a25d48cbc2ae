import Foundation
import PodiumPrimitives
import PodiumReports
import Testing

/// The HTML report in a real browser (Debian's chromium, headless) at a phone's size (412 × 915 CSS pixels).
@Suite(.enabled(if: HeadlessChromium.executable != nil, Comment(rawValue: HeadlessChromium.missing)), .timeLimit(.minutes(1)))
struct BrowserRenderingTests {
    /// A fresh folder holding `html` as `report.html`.
    static func page(_ html: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)
        return page
    }

    /// The width and height in a PNG's IHDR chunk (PNG specification, section 11.2.2), nil when not a PNG.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        let word = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }

    @Test func reportRendersOnAPhoneWithItsFiguresAndNoErrors() async throws {
        let report = ReportFixture.report
        let page = try Self.page(TreasuryReportRenderer.html(report))
        defer { try? FileManager.default.removeItem(at: page.deletingLastPathComponent()) }
        let screenshot = page.deletingLastPathComponent().appendingPathComponent("phone.png")

        async let shot = HeadlessChromium.run(["--screenshot=\(screenshot.path)", "--window-size=412,915", "--hide-scrollbars"], page: page)
        async let dump = HeadlessChromium.run(["--dump-dom", "--window-size=412,915", "--virtual-time-budget=2000"], page: page)
        let (shotRun, dumpRun) = try await (shot, dump)

        for run in [shotRun, dumpRun] {
            #expect(run.status == 0, "chromium failed: \(run.stderr.suffix(2000))")
            #expect(run.consoleLines.isEmpty, "console: \(run.consoleLines)")
            #expect(run.survivors.isEmpty, "chromium processes left behind: \(run.survivors)")
        }
        let png = try Data(contentsOf: screenshot)
        #expect(Self.pngSize(png).map { [$0.width, $0.height] } == [412, 915])
        #expect(png.count > 20_000, "a blank page compresses to a few kilobytes; this one has \(png.count) bytes")
        if let keep = ProcessInfo.processInfo.environment["PODIUM_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: screenshot, to: URL(fileURLWithPath: keep))
        }

        let dom = dumpRun.stdout
        #expect(dom.contains(#"<html lang="en" data-errors="0">"#), "the error recorder ran and saw nothing")
        #expect(!dom.contains(#"data-error-log=""#), "no error text recorded")
        let expected = ReportFigures.expected(fromJSON: TreasuryReportRenderer.jsonValue(report))
        let shown = ReportFigures.shown(inHTML: dom)
        #expect(Set(shown.keys) == Set(expected.keys))
        for (key, value) in expected {
            #expect(shown[key]?.value == value, "\(key)")
            #expect(shown[key]?.text == ReportFigures.shownText(key: key, value: value), "\(key)")
        }
        #expect(!dom.contains("<script>alert"), "the detail's markup stayed text")
    }

    /// The recorder is not blind: a page that tries to load from the network is blocked and says so in its DOM.
    @Test func errorRecorderReportsABlockedLoad() async throws {
        let html = TreasuryReportRenderer.html(ReportFixture.report)
            .replacingOccurrences(of: "</main>", with: #"<img src="http://192.0.2.1/pixel.png" alt=""></main>"#)
        let page = try Self.page(html)
        defer { try? FileManager.default.removeItem(at: page.deletingLastPathComponent()) }
        let run = try await HeadlessChromium.run(["--dump-dom", "--virtual-time-budget=2000"], page: page)
        #expect(run.survivors.isEmpty)
        #expect(!run.stdout.contains(#"data-errors="0""#))
        #expect(run.stdout.contains("blocked: img-src http://192.0.2.1/pixel.png"), "\(run.stdout.prefix(600))")
    }
}
