#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How many connections the process can hold open: every connection is a file descriptor,
/// and running out of them (`EMFILE`) stops the server from accepting anything, health checks
/// included. The soft limit is raised toward the hard one when connections need it.
enum FileDescriptorLimit {
    /// Descriptors kept for everything but client connections (bundles, the database, the
    /// model cache, logs).
    static let reserve = 64

    /// `wanted`, or fewer when the open-file limit (raised as far as allowed) leaves less room.
    static func connections(wanted: Int) -> Int {
        var limit = rlimit()
        #if os(Linux)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return wanted }
        let needed = rlim_t(clamping: wanted + reserve)
        if limit.rlim_cur != rlim_t.max, limit.rlim_cur < needed {
            var raised = limit
            raised.rlim_cur = limit.rlim_max == rlim_t.max ? needed : min(needed, limit.rlim_max)
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        guard limit.rlim_cur != rlim_t.max else { return wanted }
        return max(1, min(wanted, Int(clamping: limit.rlim_cur) - reserve))
    }
}
