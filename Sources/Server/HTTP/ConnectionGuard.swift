import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// One client connection, as the routes see it: whether the client has gone away (closed its
/// side, or the connection closed), and actions to run when it does (dropping its waiting
/// compute job).
public final class ClientConnection: @unchecked Sendable {
    // Read and written under `lock` only.
    private let lock = NSLock()
    private var gone = false
    private var actions: [UInt64: @Sendable () -> Void] = [:]
    private var nextKey: UInt64 = 0

    /// Whether the client has closed its side or the connection is closed.
    public var isGone: Bool { lock.withLock { gone } }

    /// Runs `action` once when the client goes away (at once if it has); returns a key for
    /// ``removeAction(_:)``.
    @discardableResult
    public func onDisconnect(_ action: @escaping @Sendable () -> Void) -> UInt64 {
        let (key, runNow) = lock.withLock { () -> (UInt64, Bool) in
            nextKey += 1
            if !gone { actions[nextKey] = action }
            return (nextKey, gone)
        }
        if runNow { action() }
        return key
    }

    /// Forgets an action that has not run.
    public func removeAction(_ key: UInt64) {
        _ = lock.withLock { actions.removeValue(forKey: key) }
    }

    /// Marks the client gone and runs the waiting actions.
    func disconnected() {
        let pending = lock.withLock { () -> [@Sendable () -> Void] in
            guard !gone else { return [] }
            gone = true
            defer { actions = [:] }
            return Array(actions.values)
        }
        for action in pending { action() }
    }
}

/// The open connections: at most ``maxConnections``. When a new connection reaches the limit,
/// the one waiting longest for a request head (a client that connected and sends nothing, or
/// trickles its headers, or an idle keep-alive) is closed to make room, so connections that
/// never finish their headers cannot lock others out.
final class ConnectionRegistry: @unchecked Sendable {
    let maxConnections: Int

    private struct Entry {
        let channel: any Channel
        let connection: ClientConnection
        /// Waiting for a request head since `since` (false while a request is read or answered).
        var waiting: Bool
        var since: NIODeadline
    }

    // Read and written under `lock` only.
    private let lock = NSLock()
    private var entries: [UInt64: Entry] = [:]
    private var nextID: UInt64 = 0
    private(set) var evicted = 0

    init(maxConnections: Int) {
        self.maxConnections = max(1, maxConnections)
    }

    /// The header field carrying a request's connection id to the routes (set by
    /// ``ConnectionGuard``, which drops any copy the client sent).
    static let header = HTTPField.Name("X-TTPKit-Connection")!

    /// Open connections now.
    var count: Int { lock.withLock { entries.count } }

    /// The connection a request came on (nil for requests not served through a guard).
    func connection(for request: Request) -> ClientConnection? {
        guard let text = request.headers[Self.header], let id = UInt64(text) else { return nil }
        return lock.withLock { entries[id]?.connection }
    }

    func register(_ channel: any Channel) -> (UInt64, ClientConnection) {
        let connection = ClientConnection()
        let (id, victim) = lock.withLock { () -> (UInt64, (any Channel)?) in
            nextID += 1
            entries[nextID] = Entry(channel: channel, connection: connection, waiting: true, since: .now())
            guard entries.count >= maxConnections else { return (nextID, nil) }
            let oldest = entries.filter { $0.key != nextID && $0.value.waiting }.min { $0.value.since < $1.value.since }
            guard let oldest else { return (nextID, nil) }
            entries[oldest.key]?.waiting = false   // being closed: not chosen twice
            evicted += 1
            return (nextID, oldest.value.channel)
        }
        victim?.close(promise: nil)
        return (id, connection)
    }

    func setWaiting(_ id: UInt64, _ waiting: Bool) {
        lock.withLock {
            entries[id]?.waiting = waiting
            entries[id]?.since = .now()
        }
    }

    func remove(_ id: UInt64) {
        _ = lock.withLock { entries.removeValue(forKey: id) }
    }
}

/// Per connection, after HTTP decoding: registers the connection, closes it if its first
/// request head does not arrive within the header deadline, tells the registry when it is
/// waiting for a request, stamps each request with the connection id, and marks the client
/// gone when it closes its side.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let registry: ConnectionRegistry
    private let headerTimeout: TimeAmount
    private var id: UInt64?
    private var connection: ClientConnection?
    private var deadline: Scheduled<Void>?

    init(registry: ConnectionRegistry, headerTimeout: TimeAmount) {
        self.registry = registry
        self.headerTimeout = headerTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { activate(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        activate(context)
        context.fireChannelActive()
    }

    private func activate(_ context: ChannelHandlerContext) {
        guard id == nil else { return }
        let (id, connection) = registry.register(context.channel)
        self.id = id
        self.connection = connection
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: headerTimeout) {
            // No complete request head in time: a client that trickles its headers or sends none.
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), let id else {
            context.fireChannelRead(data)
            return
        }
        deadline?.cancel()
        deadline = nil
        registry.setWaiting(id, false)
        head.headerFields[ConnectionRegistry.header] = String(id)
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), let id { registry.setWaiting(id, true) }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { connection?.disconnected() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish()
    }

    private func finish() {
        deadline?.cancel()
        deadline = nil
        connection?.disconnected()
        if let id { registry.remove(id) }
        id = nil
    }
}
