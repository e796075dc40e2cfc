import Foundation
import STIX

/// Reads every detection rule under a set of files and folders, whatever their format.
///
/// Folders are walked recursively (hidden folders and files skipped, symbolic links to folders
/// not followed); each file is read by the
/// parser its extension and content call for (see `RuleFormatDetector`). Files are parsed
/// concurrently, in chunks, by a task group. Nothing stops the scan: every unreadable folder,
/// binary file, invalid YAML/TOML or rule without a title becomes a `RuleIssue` with its path
/// and line. Rules and issues come back sorted by path, then line, so output is the same on
/// every run. With a ``cache`` a scan parses only the files changed since the last scan of the
/// same paths, and gives the same result.
///
/// ```swift
/// let scan = await RuleScanner().scan(["rules/sigma", "rules/elastic"])
/// scan.report.rulesPerFormat[.sigma]   // 3141
/// scan.issues.first?.description       // "rules/sigma/bad.yml:4: invalid YAML: ..."
/// ```
public struct RuleScanner: Sendable {
    /// How many chunks are parsed at once; 1 parses on the calling task.
    public var maxConcurrency: Int
    /// Called after each parsed chunk with (files done, files in all), from any task.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Keeps what each file gave, so the next scan of the same paths parses only the files
    /// that changed; nil parses every file.
    public var cache: RuleScanCache?
    var walker = DirectoryWalker()

    /// Creates a scanner; `maxConcurrency` defaults to the number of active cores.
    public init(
        maxConcurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) {
        self.maxConcurrency = max(1, maxConcurrency)
        self.progress = progress
    }

    /// Scans files and folders and returns every rule, issue and skipped file, sorted.
    public func scan(_ paths: [String]) async -> RuleScan {
        await scanCounting(paths).scan
    }

    /// ``scan(_:)``, with how many files were parsed rather than taken from the cache.
    func scanCounting(_ paths: [String]) async -> (scan: RuleScan, parsed: Int) {
        let listing = walker.walk(paths)
        var partial = Partial()
        partial.issues = listing.issues
        partial.skipped = listing.skipped
        let files = listing.files
        let previous = cache?.load(roots: paths) ?? [:]
        let memo = Memo(previous: previous, keepBefore: cache.map { Int64(time(nil)) - Int64($0.settleSeconds) })
        if maxConcurrency == 1 || files.count < 2 {
            partial.add(Self.parse(files[...], memo: memo))
            progress?(files.count, files.count)
        } else {
            let chunkCount = min(files.count, maxConcurrency * 4)
            let chunkSize = (files.count + chunkCount - 1) / chunkCount
            let total = files.count
            let progress = self.progress
            await withTaskGroup(of: Partial.self) { group in
                var started = 0
                var next = 0
                var done = 0
                func startChunk() {
                    let chunk = files[next..<min(next + chunkSize, files.count)]
                    next = chunk.endIndex
                    started += 1
                    group.addTask { Self.parse(chunk, memo: memo) }
                }
                while next < files.count && started < maxConcurrency { startChunk() }
                while let result = await group.next() {
                    partial.add(result)
                    done += result.filesRead + result.skipped.count + result.failedFiles
                    progress?(done, total)
                    if next < files.count { startChunk() }
                }
            }
        }
        // Written only when what is kept changed (a file that is never kept, such as a binary
        // one, is parsed on every scan without rewriting the cache).
        if let cache, partial.newlyKept > 0 || partial.kept.count != previous.count {
            cache.store(partial.kept, roots: paths)
        }
        return (partial.finished(), cache == nil ? files.count : partial.parsedAgain)
    }

    /// The outcomes a scan may reuse, and the second before which a changed file is kept.
    struct Memo: Sendable {
        var previous: [String: RuleScanCache.Entry]
        /// Nil: no cache.
        var keepBefore: Int64?
    }

    /// Parses a run of files sequentially (reusing the cached outcome of a file unchanged
    /// since it was kept).
    static func parse(_ files: ArraySlice<(path: String, explicit: Bool)>, memo: Memo = Memo(previous: [:])) -> Partial {
        var partial = Partial()
        for file in files {
            let result: RuleFileReader.Result
            let stamp = memo.keepBefore == nil ? nil : FileIdentity(path: file.path)
            if let stamp, let entry = memo.previous[file.path], entry.stamp == stamp, entry.explicit == file.explicit {
                result = entry.outcome.result
                partial.kept.append(entry)
            } else {
                result = RuleFileReader.read(path: file.path, explicit: file.explicit)
                if let keepBefore = memo.keepBefore {
                    partial.parsedAgain += 1
                    if let stamp, stamp.latestSecond < keepBefore, let outcome = RuleScanCache.Outcome(result) {
                        partial.kept.append(RuleScanCache.Entry(path: file.path, explicit: file.explicit, stamp: stamp, outcome: outcome))
                        partial.newlyKept += 1
                    }
                }
            }
            switch result {
            case .parsed(let format, let result):
                partial.filesRead += 1
                partial.filesPerFormat[format, default: 0] += 1
                partial.rules += result.rules
                partial.issues += result.issues
            case .skipped(let skipped):
                partial.skipped.append(skipped)
            case .failed(let issue):
                partial.failedFiles += 1
                partial.issues.append(issue)
            }
        }
        return partial
    }

    /// Results of part of a scan, merged as chunks finish.
    struct Partial: Sendable {
        var rules: [DetectionRule] = []
        var issues: [RuleIssue] = []
        var skipped: [SkippedFile] = []
        var filesRead = 0
        var failedFiles = 0
        var filesPerFormat: [RuleFormat: Int] = [:]
        /// Outcomes for the cache, how many of them are new, and how many files were parsed
        /// rather than reused.
        var kept: [RuleScanCache.Entry] = []
        var newlyKept = 0
        var parsedAgain = 0

        mutating func add(_ other: Partial) {
            kept += other.kept
            newlyKept += other.newlyKept
            parsedAgain += other.parsedAgain
            rules += other.rules
            issues += other.issues
            skipped += other.skipped
            filesRead += other.filesRead
            failedFiles += other.failedFiles
            filesPerFormat.merge(other.filesPerFormat, uniquingKeysWith: +)
        }

        func finished() -> RuleScan {
            RuleScan(
                rules: rules.sorted { ($0.path, $0.line) < ($1.path, $1.line) },
                issues: issues.sorted(),
                skipped: skipped.sorted { $0.path < $1.path },
                filesPerFormat: filesPerFormat,
                unreadableFiles: failedFiles)
        }
    }
}
