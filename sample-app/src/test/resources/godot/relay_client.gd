# docs/multiplayer.md's GDScript client, as a SceneTree script for godot3-server: a
# WebSocketClient with gd_mp_api = true joins the sample's relay, pings the Spring application
# (peer 1) and greets everybody. Environment: PEERSOCKET_URL; PEERSOCKET_TOKEN, a bearer token sent
# in an Authorization header; PEERSOCKET_WAIT_GREETING=1 keeps it
# until another client's "hi all" arrives; PEERSOCKET_TIMEOUT (seconds, default 10) bounds the run.
# Quits by itself; the watchdog prints "Timeout" and quits when the run outlives the bound.
extends SceneTree

var client = WebSocketClient.new()
var wait_greeting = OS.get_environment("PEERSOCKET_WAIT_GREETING") == "1"
var got_pong = false
var got_greeting = false
var elapsed = 0.0
var timeout = float(OS.get_environment("PEERSOCKET_TIMEOUT")) if OS.get_environment("PEERSOCKET_TIMEOUT") != "" else 10.0

func _init():
    client.connect("connection_succeeded", self, "_connected")
    client.connect("connection_failed", self, "_closed")
    client.connect("server_disconnected", self, "_closed")
    client.connect("peer_connected", self, "_peer_connected")
    client.connect("peer_disconnected", self, "_peer_disconnected")
    # The sample's relay needs a player's token (POST /token): a native client sends it as a header.
    var headers = PoolStringArray()
    if OS.get_environment("PEERSOCKET_TOKEN") != "":
        headers.append("Authorization: Bearer " + OS.get_environment("PEERSOCKET_TOKEN"))
    client.connect_to_url(OS.get_environment("PEERSOCKET_URL"), PoolStringArray(), true, headers)  # gd_mp_api = true

func _connected():
    print("My id is %d" % client.get_unique_id())
    client.set_target_peer(1)                       # the Spring application
    client.put_packet("ping-server:hello".to_utf8())
    client.set_target_peer(0)                       # everybody
    client.put_packet("hi all".to_utf8())

func _peer_connected(id):
    print("Peer %d is here" % id)

func _peer_disconnected(id):
    print("Peer %d left" % id)

func _closed():
    if not (got_pong and (got_greeting or not wait_greeting)):
        print("Disconnected")
        quit()

func _idle(delta):
    elapsed += delta
    if elapsed > timeout:
        print("Timeout")
        quit()
        return
    client.poll()
    while client.get_available_packet_count() > 0:
        var from = client.get_packet_peer()         # before get_packet()
        var text = client.get_packet().get_string_from_utf8()
        print("From %d: %s" % [from, text])
        got_pong = got_pong or (from == 1 and text == "pong-server:hello")
        got_greeting = got_greeting or (from != 1 and text == "hi all")
    if got_pong and (got_greeting or not wait_greeting):
        client.disconnect_from_host(1000, "bye")
        quit()
