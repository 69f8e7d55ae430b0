import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on the catalog's folder while a process opens, creates or migrates the catalog.
///
/// SQLite's busy timeout covers concurrent transactions, but not the steps before them: creating the file,
/// switching it to WAL and GRDB's migrator (which reads the applied migrations, then applies the others) race
/// between processes. The lock is on the folder, not on the database file, because closing any descriptor of the
/// database file would drop SQLite's own POSIX locks in this process. It is held for the open only (milliseconds
/// once the catalog exists), never for a command's work; the kernel releases it if the process dies.
enum CatalogOpenLock {
    static func holding<T>(folder: String, _ body: () throws -> T) throws -> T {
        let fd = Foundation.open(folder, O_RDONLY)
        // A folder that cannot be opened for reading cannot be locked: open without the lock (SQLite then reports
        // whatever is wrong with the folder).
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { return try body() }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
