a=not-exported
export b=exported
sh -c 'echo "a=[${a-}] b=[${b-}]"'
export a
sh -c 'echo "a=[${a-}]"'
