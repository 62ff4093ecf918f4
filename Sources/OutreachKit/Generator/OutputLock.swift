import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory `flock` on the output folder's lock file, `.outreach-lock`, so
/// that two runs never write into one folder at once.
///
/// `generate` holds it exclusively from before staging until after the last
/// rename; `generate --check` holds it shared, so checks run side by side but
/// never see a folder half renamed. The file stays empty, so that two runs
/// leave identical folders; a run that waits in vain names the holder from
/// `/proc/locks` where there is one. The kernel drops the lock when the
/// process ends, even by `kill -9`.
final class OutputLock: @unchecked Sendable {
    static let fileName = ".outreach-lock"

    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Takes the lock on `folder`, waiting at most `timeout` seconds for another run to finish.
    ///
    /// A shared lock on a folder without a lock file takes nothing: no writer
    /// has ever held it, and a check must not create files.
    static func acquire(in folder: URL, display: String, shared: Bool, timeout: Double) throws(DiagnosticError) -> OutputLock? {
        let path = folder.appendingPathComponent(fileName).path
        let descriptor = shared ? open(path, O_RDONLY | O_CLOEXEC) : open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if shared && errno == ENOENT { return nil }
            throw DiagnosticError([.error(.writeFailed, "cannot open the lock file \(quoted(display + "/" + fileName)): \(String(cString: strerror(errno)))")])
        }
        let operation = (shared ? LOCK_SH : LOCK_EX) | LOCK_NB
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, operation) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = owner(descriptor)
                close(descriptor)
                let who = holder.map { "another outreach run (process \($0))" } ?? "another outreach run"
                throw DiagnosticError([.error(.outputFolderLocked,
                    "output folder \(quoted(display)) is in use by \(who); waited \(Int(timeout.rounded())) s",
                    hint: "wait for that run to finish, or write into another folder with --output")])
            }
            usleep(20_000)
        }
        return OutputLock(descriptor: descriptor)
    }

    /// The process holding a `flock` on the file open as `descriptor`, from
    /// `/proc/locks` (`1: FLOCK ADVISORY WRITE 4242 08:01:1234 0 EOF`); nil elsewhere.
    private static func owner(_ descriptor: Int32) -> Int? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, let table = lockTable() else { return nil }
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields[1] == "FLOCK",
                  fields[5].split(separator: ":").last == Substring(String(status.st_ino)) else { continue }
            return Int(fields[4])
        }
        return nil
    }

    /// The whole of `/proc/locks`, read to its end: a /proc file reports a size of 0, and
    /// String(contentsOfFile:) stops after its first 4 KB, which a machine with a few dozen
    /// locks (a browser, other runs) goes past.
    static func lockTable() -> String? {
        guard let handle = FileHandle(forReadingAtPath: "/proc/locks") else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Lets the next run in.
    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
