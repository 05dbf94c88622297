echo from-pipe | { cat & wait; }
echo "[done]"
